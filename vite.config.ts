import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { flatRoutes } from 'remix-flat-routes'
import { defineConfig, type Plugin } from 'vite'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

/**
 * Lessons are parsed and compiled in worker threads (ADR 014), and question documents are read
 * in one (ADR 027). A worker runs a file of its own, so the server build emits each worker's
 * entry as build/server/<name>.js and puts its URL into the module that starts it (in place of
 * the placeholder '@@<name>-url@@'), which otherwise runs the TypeScript source via tsx.
 */
function workerEntry(name: string, source: string, host: string): Plugin {
	const entry = new URL(source, import.meta.url).pathname
	let serverBuild = false
	let referenceId: string | null = null
	return {
		name: `hongshen:${name}-entry`,
		apply: 'build',
		enforce: 'pre',
		configResolved(config) {
			serverBuild = Boolean(config.build.ssr)
		},
		buildStart() {
			referenceId = serverBuild ? this.emitFile({ type: 'chunk', id: entry, fileName: `${name}.js` }) : null
		},
		transform(code, id) {
			if (!referenceId || !id.endsWith(host)) return null
			const placeholder = `'@@${name}-url@@'`
			if (!code.includes(placeholder)) this.error(`${host} no longer holds the worker URL placeholder`)
			return code.replace(placeholder, `import.meta.ROLLUP_FILE_URL_${referenceId}`)
		},
	}
}

export default defineConfig({
	resolve: { alias: { '#app': new URL('./app', import.meta.url).pathname, '#tests': new URL('./tests', import.meta.url).pathname } },
	// argon2 is server-only and native; the dev dependency scan must not try to bundle it.
	optimizeDeps: { include: ['hast-util-to-jsx-runtime'], exclude: ['@node-rs/argon2'] },
	build: { target: 'es2022' },
	server: { port: 3000 },
	plugins: [
		workerEntry('lesson-worker', './app/courses/mdx/lesson-worker.ts', '/app/courses/mdx/lesson-workers.server.ts'),
		workerEntry('document-worker', './app/exams/import/document-worker.ts', '/app/exams/import/document-import.server.ts'),
		tailwindcss(),
		remix({
			ignoredRouteFiles: ['**/*'],
			future: {
				v3_fetcherPersist: true,
				v3_relativeSplatPath: true,
				v3_throwAbortReason: true,
				v3_singleFetch: true,
				v3_lazyRouteDiscovery: true,
			},
			serverModuleFormat: 'esm',
			routes: async (defineRoutes) =>
				flatRoutes('routes', defineRoutes, {
					ignoredRouteFiles: ['.*', '**/*.css', '**/*.test.{js,jsx,ts,tsx}', '**/__*.*', '**/*.server.*'],
				}),
		}),
	],
})
