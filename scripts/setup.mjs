// Everything `npm start` and `npm test` need before they run, done only when needed:
// generate the Prisma clients, and build the app when the sources are newer than the build.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

function newestMtime(paths) {
	let newest = 0
	const visit = (path) => {
		if (!existsSync(path)) return
		const stat = statSync(path)
		if (stat.isDirectory()) {
			for (const entry of readdirSync(path)) if (entry !== 'generated' && entry !== 'node_modules') visit(join(path, entry))
		} else newest = Math.max(newest, stat.mtimeMs)
	}
	for (const p of paths) visit(join(root, p))
	return newest
}

function run(command, args, env = {}) {
	execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
}

export function ensureClients() {
	const generated = join(root, 'app/generated/prisma/postgresql/client.ts')
	if (!existsSync(generated) || statSync(generated).mtimeMs < newestMtime(['prisma/schema', 'package-lock.json'])) {
		console.log('生成 Prisma 客户端…')
		run('node', ['scripts/prisma-generate.mjs'])
	}
}

export function ensureBuild() {
	const built = join(root, 'build/server/index.js')
	// server/ too: the app bundles what it imports from there (env.mjs, security-headers.mjs).
	const sources = newestMtime(['app', 'server', 'vite.config.ts', 'package-lock.json', 'prisma/schema'])
	if (!existsSync(built) || statSync(built).mtimeMs < sources) {
		console.log('构建应用…')
		run('npx', ['remix', 'vite:build'], { NODE_ENV: 'production' })
	}
}

/** Applies migrations to the database the URL names, creating it if needed. */
export function migrate(databaseUrl) {
	run('npx', ['prisma', 'migrate', 'deploy'], { DATABASE_URL: databaseUrl })
}

if (import.meta.url === `file://${process.argv[1]}`) {
	ensureClients()
	ensureBuild()
}
