// The Node server: Remix behind Express, so every request passes the Origin check and
// security headers before any action runs. `node server.mjs` serves the build;
// with --dev it serves through Vite's middleware.
import 'dotenv/config'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'
import { readServerEnv } from './server/env.mjs'
import { isForeignOriginRequest } from './server/origin-check.mjs'

const isDev = process.argv.includes('--dev')
const env = readServerEnv()
if (env.problems.length) {
	console.error('服务器拒绝启动：')
	for (const problem of env.problems) console.error(`  - ${problem}`)
	process.exit(1)
}

const viteDevServer = isDev
	? await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))
	: undefined

const app = express()
app.disable('x-powered-by')
if (env.trustProxy) app.set('trust proxy', true)
app.use(compression())

app.use((req, res, next) => {
	res.setHeader('X-Content-Type-Options', 'nosniff')
	res.setHeader('Referrer-Policy', 'same-origin')
	res.setHeader('X-Frame-Options', 'SAMEORIGIN')
	if (
		isForeignOriginRequest({
			method: req.method,
			origin: req.get('origin'),
			host: req.get('x-forwarded-host') && env.trustProxy ? req.get('x-forwarded-host') : req.get('host'),
			secFetchSite: req.get('sec-fetch-site'),
		})
	) {
		res.status(403).type('text/plain; charset=utf-8').send('请求来源不被允许（跨站请求已拒绝）。')
		return
	}
	next()
})

if (viteDevServer) {
	app.use(viteDevServer.middlewares)
} else {
	app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
	app.use(express.static('build/client', { maxAge: '1h' }))
}

const build = viteDevServer
	? () => viteDevServer.ssrLoadModule('virtual:remix/server-build')
	: await import('./build/server/index.js')

app.all(
	'*',
	createRequestHandler({
		build,
		// Never send error details to a browser from a built server, whatever NODE_ENV says.
		mode: isDev ? 'development' : 'production',
		getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown' }),
	}),
)

const server = app.listen(env.port, env.host, () => {
	const shownHost = env.host === '0.0.0.0' ? 'localhost' : env.host
	console.log(`红审学堂已启动：http://${shownHost}:${env.port}`)
})

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => server.close(() => process.exit(0)))
}
