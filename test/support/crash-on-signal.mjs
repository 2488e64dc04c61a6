// Preloaded into the service by the lifecycle test only: SIGUSR2 becomes an uncaught exception,
// so the test can watch what a crash does without a test hook in the service itself.
process.on('SIGUSR2', () => {
  setImmediate(() => {
    throw new Error('crash requested by the test (SIGUSR2)');
  });
});
