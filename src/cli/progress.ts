/** A one-line progress bar on a terminal; silent when output is piped (CI, files). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const tty = stream.isTTY === true;
  let last = -1;
  return {
    update(done: number, total: number) {
      if (!tty || total === 0) return;
      const pct = Math.floor((done / total) * 100);
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total}`,
      );
    },
    done() {
      if (tty && last >= 0) stream.write('\n');
    },
  };
}
