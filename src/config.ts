import { z } from 'zod';
import { AppError } from './errors.ts';

/** A JVM or Neo4j memory size: digits with an optional k, m or g (`512m`, `4g`). */
const memorySize = z.string().regex(/^\d+[kmg]?$/i, 'a size such as 512m or 4g');

/** Every setting the service reads from the environment, parsed once. The only reader of process.env. */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_URI: z.string().optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  /** Where the embedded Neo4j keeps its store when no NEO4J_URI is given. */
  NEO4J_DATA_DIR: z.string().default('.neo4j/data'),
  NEO4J_EMBEDDED_PORT: z.coerce.number().int().min(0).max(65535).default(7687),
  /**
   * Memory of the embedded JVM on a 2-core, 24 GB machine that also runs the service: heap
   * (-Xms = -Xmx), page cache, and the total memory open transactions may take, kept below the
   * heap so a runaway transaction is refused instead of exhausting it (decision 0009).
   */
  NEO4J_HEAP: memorySize.default('4g'),
  NEO4J_PAGECACHE: memorySize.default('2g'),
  NEO4J_TX_MEMORY: memorySize.default('3g'),
  /**
   * How long a request waits for Neo4j before it answers 503: to open a connection, to get one
   * from the pool, and for the driver to retry a failed transaction (decision 0009).
   */
  NEO4J_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  NEO4J_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  NEO4J_RETRY_TIME_MS: z.coerce.number().int().min(0).default(2000),
  /**
   * The longest an HTTP request waits for its database reads, so a Neo4j that hangs (alive, not
   * answering) costs a request 503 after this long instead of holding it for ever.
   */
  REQUEST_READ_TIMEOUT_MS: z.coerce.number().int().min(100).default(15000),
  /**
   * The length of a turn of the event loop aimed at: a busy service starts only so many requests
   * per turn, the others waiting their turn, so that it still accepts new connections at once
   * (src/http/turns.ts; 0: no turn taking).
   */
  TURN_TARGET_MS: z.coerce.number().int().min(0).max(1000).default(10),
  /**
   * How many staging writes a match run keeps in flight (services/match-run.ts): 2 is faster on two
   * cores; 1 keeps the run's peak memory lower (decision 0018).
   */
  MATCH_STAGING_WRITES: z.coerce.number().int().min(1).max(4).default(2),
  /** How long an answer read for one caller may be reused for the same read (0: never; services/read-cache.ts). */
  READ_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  NEO4J_IMAGE: z.string().default('neo4j:5.26.30-community'),
  /** Set to "false" to skip loading the demo region into an empty database at start-up. */
  LOAD_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  FACTOR_SET: z.string().default('no-physical-2025'),
  MATCH_CONFIG: z.string().default('2'),
  /** Largest JSON body accepted, e.g. for imports. */
  BODY_LIMIT: z.string().default('25mb'),
  /** Where the first admin's token is written (once, on a database without users). */
  ADMIN_TOKEN_FILE: z.string().default('.admin-token'),
  /** Where the demo users' tokens are written when the demo region is loaded. */
  DEMO_TOKENS_FILE: z.string().default('.demo-tokens.json'),
  /**
   * One-click sign-in as the demo users (GET /demo/identities hands out their tokens): `auto` offers
   * it only while HOST is a loopback address, so nobody else can reach it; `true` also on a public
   * demo; `false` never.
   */
  DEMO_SIGN_IN: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Changes (POST, PATCH, DELETE) per minute per caller. */
  RATE_LIMIT_WRITES: z.coerce.number().int().min(1).default(600),
  /** Imports and match runs per minute per caller. */
  RATE_LIMIT_EXPENSIVE: z.coerce.number().int().min(1).default(30),
  /** On SIGTERM/SIGINT, how long requests in flight may still run before their sockets close. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new AppError('VALIDATION_FAILED', `invalid configuration in the environment:\n${lines}`);
  }
  return parsed.data;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/i;

/** Whether this instance offers one-click demo sign-in (DEMO_SIGN_IN). */
export function demoSignInEnabled(config: Pick<Config, 'DEMO_SIGN_IN' | 'HOST'>): boolean {
  if (config.DEMO_SIGN_IN === 'auto') return LOOPBACK.test(config.HOST);
  return config.DEMO_SIGN_IN === 'true';
}
