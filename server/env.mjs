// Settings shared by the Node server and the app. Plain JS so server.mjs can read it
// before the app bundle loads; app/utils/env.server.ts re-exports it with types.

/** Works for the demo; a production server refuses to start with it. */
export const DEMO_SESSION_SECRET = 'hongshen-demo-session-secret-change-me'

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
	const port = Number(env.PORT ?? 3000)
	if (!Number.isInteger(port) || port <= 0 || port > 65535) problems.push(`PORT 无效：${env.PORT}`)
	const workers = Number(env.WEB_CONCURRENCY ?? 1)
	if (!Number.isInteger(workers) || workers < 1 || workers > 64) problems.push(`WEB_CONCURRENCY 无效：${env.WEB_CONCURRENCY}（应为 1 到 64 的整数）`)
	return {
		problems,
		isProduction,
		sessionSecrets,
		port,
		workers,
		host: env.HOST ?? '0.0.0.0',
		databaseUrl: env.DATABASE_URL ?? 'file:./data/app.db',
		trustProxy: env.TRUST_PROXY === 'true',
		secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : isProduction,
	}
}
