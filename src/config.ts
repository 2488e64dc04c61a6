import { z } from 'zod';

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
  NEO4J_IMAGE: z.string().default('neo4j:5.26.30-community'),
  /** Set to "false" to skip loading the demo region into an empty database at start-up. */
  LOAD_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  FACTOR_SET: z.string().default('no-physical-2025'),
  MATCH_CONFIG: z.string().default('1'),
  /** Largest JSON body accepted, e.g. for imports. */
  BODY_LIMIT: z.string().default('25mb'),
  /** Where the first admin's token is written (once, on a database without users). */
  ADMIN_TOKEN_FILE: z.string().default('.admin-token'),
  /** Where the demo users' tokens are written when the demo region is loaded. */
  DEMO_TOKENS_FILE: z.string().default('.demo-tokens.json'),
  /** Changes (POST, PATCH, DELETE) per minute per caller. */
  RATE_LIMIT_WRITES: z.coerce.number().int().min(1).default(600),
  /** Imports and match runs per minute per caller. */
  RATE_LIMIT_EXPENSIVE: z.coerce.number().int().min(1).default(30),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration in the environment:\n${lines}`);
  }
  return parsed.data;
}
