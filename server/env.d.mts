export declare const DEMO_SESSION_SECRET: string
export declare const DEMO_AUDIT_LOG_SECRET: string
export declare function deriveAuditLogSecret(sessionSecret: string): string
export declare function defaultAuditCheckpointFile(databaseUrl: string): string
export declare const ENV_VARIABLES: { name: string; default: string; meaning: string }[]
export declare function serverEnvSchema(isProduction: boolean): import('zod').ZodObject
export declare function readServerEnv(env?: Record<string, string | undefined>): {
	problems: string[]
	isProduction: boolean
	sessionSecrets: string[]
	port: number
	/** Server processes sharing the port (Node cluster); 1 serves in this process. */
	workers: number
	host: string
	databaseUrl: string
	/** Connections per server process to PostgreSQL. */
	databasePoolSize: number
	/** Keys the audit-log hash chain and signs its checkpoints (ADR 006). */
	auditLogSecret: string
	/** Append-only file of signed audit checkpoints (head hash and count). */
	auditCheckpointFile: string
	/** Express's `trust proxy`: false, a hop count, or proxy addresses and ranges (ADR 008). */
	trustProxy: false | number | string[]
	secureCookies: boolean
	/** The S3-compatible lesson image store; null keeps image bytes in the database (ADR 016). */
	lessonImageS3: LessonImageS3Settings | null
}
export type LessonImageS3Settings = { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string }
