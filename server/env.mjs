// Settings shared by the Node server and the app. Plain JS so server.mjs can read it
// before the app bundle loads; app/utils/env.server.ts re-exports it with types.
import { createHmac } from 'node:crypto'
import path from 'node:path'
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

export function readServerEnv(env = process.env) {
	const problems = []
	const isProduction = env.NODE_ENV === 'production'
	const sessionSecrets = (env.SESSION_SECRET ?? DEMO_SESSION_SECRET).split(',').map((s) => s.trim()).filter(Boolean)
	if (isProduction && sessionSecrets.includes(DEMO_SESSION_SECRET)) {
		problems.push('SESSION_SECRET 仍是演示密钥：生产环境（NODE_ENV=production）必须设置自己的随机密钥，例如 `openssl rand -hex 32` 的输出。')
	}
	if (isProduction && sessionSecrets.some((s) => s.length < 32)) {
		problems.push('SESSION_SECRET 太短：生产环境的每个密钥至少 32 个字符。')
	}
	const auditLogSecret = env.AUDIT_LOG_SECRET?.trim() || deriveAuditLogSecret(sessionSecrets[0] ?? DEMO_SESSION_SECRET)
	if (isProduction && env.AUDIT_LOG_SECRET !== undefined && (auditLogSecret === DEMO_AUDIT_LOG_SECRET || auditLogSecret.length < 32)) {
		problems.push('AUDIT_LOG_SECRET 是演示密钥或太短：生产环境请设置至少 32 个字符的随机密钥（或不设置，由 SESSION_SECRET 派生）。')
	}
	const port = Number(env.PORT ?? 3000)
	if (!Number.isInteger(port) || port <= 0 || port > 65535) problems.push(`PORT 无效：${env.PORT}`)
	const workers = Number(env.WEB_CONCURRENCY ?? 1)
	if (!Number.isInteger(workers) || workers < 1 || workers > 64) problems.push(`WEB_CONCURRENCY 无效：${env.WEB_CONCURRENCY}（应为 1 到 64 的整数）`)
	const trustProxy = parseTrustProxy(env.TRUST_PROXY)
	if (trustProxy.problem) problems.push(trustProxy.problem)
	return {
		problems,
		isProduction,
		sessionSecrets,
		port,
		workers,
		host: env.HOST ?? '0.0.0.0',
		databaseUrl: env.DATABASE_URL ?? 'file:./data/app.db',
		auditLogSecret,
		auditCheckpointFile: env.AUDIT_CHECKPOINT_FILE?.trim() || defaultAuditCheckpointFile(env.DATABASE_URL ?? 'file:./data/app.db'),
		/** Express's `trust proxy`: false, a hop count or proxy addresses; never "every hop" (ADR 008). */
		trustProxy: trustProxy.setting,
		secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : isProduction,
	}
}
