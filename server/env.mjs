// Settings shared by the Node server and the app, validated by one zod schema. Plain JS so
// server.mjs can read it before the app bundle loads (and refuse to start, naming every bad
// variable in Chinese); app/utils/env.server.ts re-exports it with types; scripts read it too.
// ENV_VARIABLES lists every variable: .env.example and the README's table are checked
// against it (server/env.test.ts).
import { createHmac } from 'node:crypto'
import path from 'node:path'
import { z } from 'zod'
import { parseTrustProxy } from './trust-proxy.mjs'

/** Works for the demo; a production server refuses to start with it. */
export const DEMO_SESSION_SECRET = 'hongshen-demo-session-secret-change-me'

/** Refused in production, like the demo session secret. */
export const DEMO_AUDIT_LOG_SECRET = 'hongshen-demo-audit-log-secret-change-me'

/**
 * The audit chain's key (ADR 006) when AUDIT_LOG_SECRET is not set: derived from the first
 * session secret, so a demo or development setup needs nothing more, and a production one
 * (which already has its own session secret) is keyed by something no database holds.
 */
export function deriveAuditLogSecret(sessionSecret) {
	return createHmac('sha256', sessionSecret).update('hongshen-audit-log').digest('hex')
}

/**
 * Where signed audit checkpoints go when AUDIT_CHECKPOINT_FILE is not set: one file per
 * database, so a test or e2e database never mixes its checkpoints with the real one's.
 */
export function defaultAuditCheckpointFile(databaseUrl) {
	if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
		const name = new URL(databaseUrl).pathname.replace(/^\//, '') || 'postgres'
		return path.join('data', `audit-checkpoints-${name.replace(/[^\w.-]/g, '_')}.log`)
	}
	const file = databaseUrl.replace(/^file:/, '').split('?')[0]
	return path.join(path.dirname(file), `${path.basename(file).replace(/\.db$/, '')}-audit-checkpoints.log`)
}

/** Every variable the server reads: name, default as documented, what it does (README table). */
export const ENV_VARIABLES = [
	{ name: 'DATABASE_URL', default: '`file:./data/app.db`', meaning: 'SQLite file, or `postgresql://…`' },
	{ name: 'DATABASE_POOL_SIZE', default: '`10`', meaning: 'connections per server process to PostgreSQL (1–200)' },
	{ name: 'SESSION_SECRET', default: 'demo secret', meaning: 'cookie signing, comma-separated for rotation; production refuses the demo value or one under 32 characters' },
	{ name: 'AUDIT_LOG_SECRET', default: 'derived from `SESSION_SECRET`', meaning: "the audit log's key (ADR 006); production refuses the demo value or one under 32 characters" },
	{ name: 'AUDIT_CHECKPOINT_FILE', default: 'beside the database', meaning: 'append-only file of signed audit checkpoints (ADR 006)' },
	{ name: 'PORT', default: '`3000`', meaning: 'where to listen (1–65535)' },
	{ name: 'HOST', default: '`0.0.0.0`', meaning: 'where to listen' },
	{ name: 'WEB_CONCURRENCY', default: '`1`', meaning: 'server processes sharing the port (1–64); with PostgreSQL use the number of cores (ADR 013)' },
	{ name: 'NODE_ENV', default: '—', meaning: '`production` turns on Secure cookies and the secret checks' },
	{ name: 'SECURE_COOKIES', default: 'on in production', meaning: '`true` or `false`: Secure cookies regardless of `NODE_ENV`' },
	{ name: 'TRUST_PROXY', default: '`false`', meaning: "behind a reverse proxy: the number of proxy hops (`1` for one nginx) or the proxies' addresses (`10.0.0.5,10.0.0.0/24,loopback`); `true` is refused (ADR 008)" },
	{ name: 'LESSON_IMAGE_S3_ENDPOINT', default: '— (images in the database)', meaning: 'an S3-compatible store for lesson images (`https://minio.example:9000`); set with the bucket and both keys, or not at all (ADR 016)' },
	{ name: 'LESSON_IMAGE_S3_BUCKET', default: '—', meaning: 'the bucket lesson images go into (path-style: `<endpoint>/<bucket>/lesson-images/<sha256>`)' },
	{ name: 'LESSON_IMAGE_S3_REGION', default: '`us-east-1`', meaning: 'the region the signature names (MinIO and most stores accept the default)' },
	{ name: 'LESSON_IMAGE_S3_ACCESS_KEY_ID', default: '—', meaning: "the store's access key" },
	{ name: 'LESSON_IMAGE_S3_SECRET_ACCESS_KEY', default: '—', meaning: "the store's secret key" },
]

const DEFAULT_DATABASE_URL = 'file:./data/app.db'

/** An optional whole number within bounds; the Chinese message names the bounds. */
const integerIn = (min, max, fallback) =>
	z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined) return fallback
			const number = Number(value.trim())
			if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
				ctx.addIssue({ code: 'custom', message: `应为 ${min} 到 ${max} 的整数` })
				return z.NEVER
			}
			return number
		})

/** A secret production must not run with: the demo value, or shorter than 32 characters. */
const productionSecretProblem = (secrets, demo) => secrets.includes(demo) || secrets.some((secret) => secret.length < 32)

/**
 * The schema of the whole environment. NODE_ENV decides the production checks, so the schema
 * is built for it; every variable is checked on its own, so one run reports every bad one.
 */
export function serverEnvSchema(isProduction) {
	return z.object({
		NODE_ENV: z.string().optional(),
		DATABASE_URL: z
			.string()
			.optional()
			.transform((value) => value?.trim() || DEFAULT_DATABASE_URL)
			.refine((value) => /^(file:|postgres(ql)?:\/\/)/.test(value), { message: '应为 SQLite 文件（file:./data/app.db）或 PostgreSQL 地址（postgresql://…）' }),
		DATABASE_POOL_SIZE: integerIn(1, 200, 10),
		SESSION_SECRET: z
			.string()
			.optional()
			.transform((value, ctx) => {
				const secrets = (value ?? DEMO_SESSION_SECRET).split(',').map((secret) => secret.trim()).filter(Boolean)
				if (secrets.length === 0) ctx.addIssue({ code: 'custom', message: '不能为空：请设置至少一个密钥' })
				else if (isProduction && secrets.includes(DEMO_SESSION_SECRET)) {
					ctx.addIssue({ code: 'custom', message: '仍是演示密钥：生产环境（NODE_ENV=production）必须设置自己的随机密钥，例如 `openssl rand -hex 32` 的输出' })
				} else if (isProduction && productionSecretProblem(secrets, DEMO_SESSION_SECRET)) {
					ctx.addIssue({ code: 'custom', message: '太短：生产环境的每个密钥至少 32 个字符' })
				}
				return secrets
			}),
		AUDIT_LOG_SECRET: z
			.string()
			.optional()
			.transform((value, ctx) => {
				const secret = value?.trim() || undefined
				if (isProduction && value !== undefined && productionSecretProblem([secret ?? ''], DEMO_AUDIT_LOG_SECRET)) {
					ctx.addIssue({ code: 'custom', message: '是演示密钥或太短：生产环境请设置至少 32 个字符的随机密钥（或不设置，由 SESSION_SECRET 派生）' })
				}
				return secret
			}),
		AUDIT_CHECKPOINT_FILE: z
			.string()
			.optional()
			.transform((value) => value?.trim() || undefined),
		PORT: integerIn(1, 65535, 3000),
		HOST: z
			.string()
			.optional()
			.transform((value) => value?.trim() || '0.0.0.0'),
		WEB_CONCURRENCY: integerIn(1, 64, 1),
		SECURE_COOKIES: z
			.enum(['true', 'false'], { error: '应为 true 或 false' })
			.optional()
			.transform((value) => (value === undefined ? undefined : value === 'true')),
		TRUST_PROXY: z
			.string()
			.optional()
			.transform((value, ctx) => {
				const parsed = parseTrustProxy(value)
				if (parsed.problem) ctx.addIssue({ code: 'custom', message: parsed.problem, params: { sentence: true } })
				return parsed.setting
			}),
		LESSON_IMAGE_S3_ENDPOINT: z
			.string()
			.optional()
			.transform((value) => value?.trim().replace(/\/+$/, '') || undefined)
			.refine((value) => value === undefined || /^https?:\/\/[^/\s]+(\/\S*)?$/.test(value), { message: '应为 http(s) 地址，如 https://minio.example:9000' }),
		LESSON_IMAGE_S3_BUCKET: z
			.string()
			.optional()
			.transform((value) => value?.trim() || undefined)
			.refine((value) => value === undefined || /^[a-z0-9][a-z0-9.-]{1,62}$/.test(value), { message: '应为存储桶名称（小写字母、数字、点和 -，3–63 个字符）' }),
		LESSON_IMAGE_S3_REGION: z
			.string()
			.optional()
			.transform((value) => value?.trim() || 'us-east-1'),
		LESSON_IMAGE_S3_ACCESS_KEY_ID: z
			.string()
			.optional()
			.transform((value) => value?.trim() || undefined),
		LESSON_IMAGE_S3_SECRET_ACCESS_KEY: z
			.string()
			.optional()
			.transform((value) => value?.trim() || undefined),
	})
}

const S3_PARTS = ['LESSON_IMAGE_S3_ENDPOINT', 'LESSON_IMAGE_S3_BUCKET', 'LESSON_IMAGE_S3_ACCESS_KEY_ID', 'LESSON_IMAGE_S3_SECRET_ACCESS_KEY']

/** The S3-compatible image store, when all of it is set; half a setting is a problem, not a silent fallback. */
function lessonImageStore(values, problems) {
	const missing = S3_PARTS.filter((name) => !values[name])
	if (missing.length === S3_PARTS.length) return null
	if (missing.length) {
		problems.push(`图片对象存储设置不完整：缺少 ${missing.join('、')}（要么四项都设置，要么都不设置，图片存入数据库）`)
		return null
	}
	return {
		endpoint: values.LESSON_IMAGE_S3_ENDPOINT,
		bucket: values.LESSON_IMAGE_S3_BUCKET,
		region: values.LESSON_IMAGE_S3_REGION,
		accessKeyId: values.LESSON_IMAGE_S3_ACCESS_KEY_ID,
		secretAccessKey: values.LESSON_IMAGE_S3_SECRET_ACCESS_KEY,
	}
}

/** One line per bad variable, in Chinese: `PORT 无效："abc"（应为 1 到 65535 的整数）`. */
function describeIssue(issue, name, value) {
	if (issue.params?.sentence) return issue.message
	// A secret's value is never printed.
	if (name.endsWith('_SECRET') || name.endsWith('_SECRET_ACCESS_KEY')) return `${name} ${issue.message}`
	return `${name} 无效：${JSON.stringify(value ?? '')}（${issue.message}）`
}

/**
 * Every variable checked by the schema; `problems` holds one Chinese line per bad variable
 * (server.mjs prints them all and exits 1). A bad variable still gets its default here, so
 * scripts and tests that only read one setting keep working.
 */
export function readServerEnv(env = process.env) {
	const isProduction = env.NODE_ENV === 'production'
	const schema = serverEnvSchema(isProduction)
	const problems = []
	const values = {}
	for (const [name, field] of Object.entries(schema.shape)) {
		const result = field.safeParse(env[name])
		if (result.success) {
			values[name] = result.data
		} else {
			problems.push(...result.error.issues.map((issue) => describeIssue(issue, name, env[name])))
			values[name] = field.safeParse(undefined).data
		}
	}
	const imageStore = lessonImageStore(values, problems)
	const sessionSecrets = values.SESSION_SECRET ?? [DEMO_SESSION_SECRET]
	const databaseUrl = values.DATABASE_URL ?? DEFAULT_DATABASE_URL
	return {
		problems,
		isProduction,
		sessionSecrets,
		port: values.PORT,
		workers: values.WEB_CONCURRENCY,
		host: values.HOST,
		databaseUrl,
		databasePoolSize: values.DATABASE_POOL_SIZE,
		auditLogSecret: values.AUDIT_LOG_SECRET ?? deriveAuditLogSecret(sessionSecrets[0] ?? DEMO_SESSION_SECRET),
		auditCheckpointFile: values.AUDIT_CHECKPOINT_FILE ?? defaultAuditCheckpointFile(databaseUrl),
		/** Express's `trust proxy`: false, a hop count or proxy addresses; never "every hop" (ADR 008). */
		trustProxy: values.TRUST_PROXY ?? false,
		secureCookies: values.SECURE_COOKIES ?? isProduction,
		/** Where lesson image bytes go besides their row: null keeps them in the database (ADR 016). */
		lessonImageS3: imageStore,
	}
}
