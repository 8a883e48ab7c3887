// The Node server: Remix behind Express, so every request passes the Origin check and
// security headers before any action runs. `node server.mjs` serves the build;
// with --dev it serves through Vite's middleware. WEB_CONCURRENCY > 1 forks that many
// server processes sharing the port: Node runs JavaScript on one core per process, and
// nothing the app keeps in memory is more than a cache (ADR 013).
import 'dotenv/config'
import cluster from 'node:cluster'
import { readdirSync } from 'node:fs'
import { createRequestHandler as createFetchRequestHandler } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { readServerEnv } from './server/env.mjs'
import { isForeignOriginRequest } from './server/origin-check.mjs'
import { staticSecurityHeaders } from './server/security-headers.mjs'
import { clientAddress } from './server/trust-proxy.mjs'
import { createRequestHandler, limitRequestBodies } from './server/request-body.mjs'
import { ANSWER_SAVE_PATH, answerSavesAhead } from './server/answer-saves.mjs'

const isDev = process.argv.includes('--dev')
const env = readServerEnv()
if (env.problems.length) {
	console.error('服务器拒绝启动：')
	for (const problem of env.problems) console.error(`  - ${problem}`)
	process.exit(1)
}

if (cluster.isPrimary && env.workers > 1 && !isDev) {
	superviseWorkers(env.workers)
} else {
	await serve()
}

/**
 * Forks the workers, replaces one that dies, and stops them all on SIGINT/SIGTERM. Workers
 * that keep dying (a broken build, an unreachable database) stop the server instead of
 * being restarted forever.
 */
function superviseWorkers(count) {
	const CRASH_WINDOW_MS = 60_000
	const MAX_CRASHES_IN_WINDOW = 5
	let stopping = false
	let listening = 0
	let recentCrashes = []
	for (let i = 0; i < count; i++) cluster.fork()
	cluster.on('listening', () => {
		if (++listening === count) announce(`（${count} 个服务进程）`)
	})
	cluster.on('exit', (worker, code, signal) => {
		if (stopping) {
			if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0)
			return
		}
		const now = Date.now()
		recentCrashes = [...recentCrashes.filter((at) => now - at < CRASH_WINDOW_MS), now]
		if (recentCrashes.length > MAX_CRASHES_IN_WINDOW) {
			console.error(`服务进程在 1 分钟内意外退出超过 ${MAX_CRASHES_IN_WINDOW} 次，服务器停止。请查看上面的错误信息。`)
			stopping = true
			for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM')
			process.exitCode = 1
			if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1)
			return
		}
		console.error(`服务进程 ${worker.process.pid} 意外退出（${signal ?? code}），正在重启。`)
		cluster.fork()
	})
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			stopping = true
			for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
		})
	}
}

function announce(suffix = '') {
	const shownHost = env.host === '0.0.0.0' ? 'localhost' : env.host
	console.log(`红审学堂已启动：http://${shownHost}:${env.port}${suffix}`)
}

async function serve() {
	const viteDevServer = isDev ? await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } })) : undefined

	const app = express()
	app.disable('x-powered-by')
	// A hop count or the proxies' addresses, never every hop: req.ip is what throttling counts (ADR 008).
	app.set('trust proxy', env.trustProxy)
	app.use(compression())

	// Headers for every response; each HTML document adds its own CSP (entry.server.tsx, ADR 041).
	const securityHeaders = Object.entries(staticSecurityHeaders({ secure: env.secureCookies }))
	app.use((req, res, next) => {
		for (const [name, value] of securityHeaders) res.setHeader(name, value)
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
		// Other built files (from public/, if any) are known at start-up; asking the disk for
		// every page path would cost each request a stat call.
		const publicEntries = new Set(readdirSync('build/client').filter((name) => name !== 'assets'))
		const servePublic = express.static('build/client', { maxAge: '1h' })
		app.use((req, res, next) => (publicEntries.has(req.path.split('/')[1] ?? '') ? servePublic(req, res, next) : next()))
	}

	const build = viteDevServer ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') : await import('./build/server/index.js')
	// Background work (the attempt sweep) starts with the server, not from a loader.
	const loaded = typeof build === 'function' ? await build() : build
	loaded.entry.module.startServerJobs()

	// Never send error details to a browser from a built server, whatever NODE_ENV says.
	const mode = isDev ? 'development' : 'production'
	const getLoadContext = (req) => ({ clientIp: clientAddress(req) })

	// Lesson pages come from one shared rendering per lesson version and role set, plus the
	// reader's own part (ADR 036); whatever it cannot answer goes on to the normal render.
	// Development serves them the same way, so the path learners get is the one developers
	// see: one document cache per version of Vite's server build (an edit starts a fresh one).
	const renderThroughApp = createFetchRequestHandler(build, mode)
	const renderShared = (request) => renderThroughApp(request, { clientIp: 'shared-render' })
	const lessonServers = new WeakMap()
	const lessonDocuments = async () => {
		const current = viteDevServer ? await build() : loaded
		let documents = lessonServers.get(current)
		if (!documents) lessonServers.set(current, (documents = current.entry.module.createLessonDocumentServer(renderShared)))
		return documents
	}
	app.get('/learn/courses/:course/:lesson', async (req, res, next) => {
		try {
			const page = await (await lessonDocuments()).serve({ method: req.method, path: req.originalUrl, cookie: req.get('cookie') })
			if (!page) return next()
			res.status(200).set(page.headers).send(page.body)
		} catch (error) {
			// The normal render answers instead, with the app's own error page if it fails too.
			console.error(error)
			next()
		}
	})

	// Bodies are counted as they arrive and refused over their route's limit (ADR 009).
	app.use(limitRequestBodies())
	// A learner's answer save is answered ahead of Remix by the route's own guard and SQL
	// (ADR 073); anyone else goes on to the route. In development through Vite's current module.
	const answerSave = viteDevServer ? async (request) => (await build()).entry.module.answerSave(request) : loaded.entry.module.answerSave
	app.post(ANSWER_SAVE_PATH, answerSavesAhead(answerSave))
	app.all('*', createRequestHandler({ build, mode, getLoadContext }))

	const server = app.listen(env.port, env.host, () => {
		if (cluster.isPrimary) announce()
	})

	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => server.close(() => process.exit(0)))
	}
}
