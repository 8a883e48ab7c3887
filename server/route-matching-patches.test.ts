// The patches in patches/ (applied by `npm ci` through patch-package) make the server rank
// its routes once instead of on every request (ADR 013). These tests load the same CommonJS
// builds the production server loads and prove the patched behaviour is in force.
import { createRequire } from 'node:module'
import { describe, expect, test } from 'vitest'

const require = createRequire(import.meta.url)
type RouteLike = { id: string; path?: string; index?: boolean; children?: RouteLike[] }
type Match = { route: RouteLike }
const router = require('@remix-run/router') as { matchRoutes: (routes: RouteLike[], path: string) => Match[] | null }
const fogOfWar = require('@remix-run/react/dist/fog-of-war.js') as {
	getPartialManifest: (
		manifest: { routes: Record<string, unknown> },
		staticRouter: { routes: RouteLike[]; basename: string; state: { matches: Match[]; location: { pathname: string } } },
	) => { routes: Record<string, unknown> }
}

const ids = (matches: Match[] | null) => matches?.map((m) => m.route.id) ?? null

function appRoutes(): RouteLike[] {
	return [
		{
			id: 'root',
			path: '',
			children: [
				{ id: 'home', index: true },
				{ id: 'learn', path: 'learn', children: [{ id: 'learn-index', index: true }, { id: 'lesson', path: 'courses/:slug/:lesson' }] },
				{ id: 'splat', path: '*' },
			],
		},
	]
}

describe('route matching on the server (patched @remix-run/router)', () => {
	test('matches exactly as before: the most specific route wins, the splat catches the rest', () => {
		const routes = appRoutes()
		expect(ids(router.matchRoutes(routes, '/learn/courses/a/b'))).toEqual(['root', 'learn', 'lesson'])
		expect(ids(router.matchRoutes(routes, '/learn'))).toEqual(['root', 'learn', 'learn-index'])
		expect(ids(router.matchRoutes(routes, '/nowhere'))).toEqual(['root', 'splat'])
		expect(ids(router.matchRoutes(routes, '/'))).toEqual(['root', 'home'])
	})

	test('an array is ranked once: later matches reuse the ranking (so server arrays must never be mutated)', () => {
		const routes = appRoutes()
		expect(ids(router.matchRoutes(routes, '/extra'))).toEqual(['root', 'splat'])
		routes[0]!.children!.push({ id: 'extra', path: 'extra' })
		// The ranking made on the first call is reused, so the pushed route is not seen...
		expect(ids(router.matchRoutes(routes, '/extra'))).toEqual(['root', 'splat'])
		// ...while a new array (a new build, or the dev server's per-request routes) is ranked afresh.
		expect(ids(router.matchRoutes(structuredClone(routes), '/extra'))).toEqual(['root', 'extra'])
	})
})

describe('the initial route manifest (patched @remix-run/react)', () => {
	function partialManifestFor(manifest: { routes: Record<string, unknown> }, routes: RouteLike[], pathname: string) {
		const matches = router.matchRoutes(structuredClone(routes), pathname) ?? []
		return Object.keys(fogOfWar.getPartialManifest(manifest, { routes, basename: '/', state: { matches, location: { pathname } } }).routes).sort()
	}

	test('holds the matched routes plus the index routes of every parent path', () => {
		const routes = appRoutes()
		const manifest = { routes: Object.fromEntries(['root', 'home', 'learn', 'learn-index', 'lesson', 'splat'].map((id) => [id, { id }])) }
		expect(partialManifestFor(manifest, routes, '/learn/courses/a/b')).toEqual(['home', 'learn', 'learn-index', 'lesson', 'root', 'splat'])
	})

	test('answers for a parent path are kept per manifest, not recomputed per request', () => {
		const manifest = { routes: Object.fromEntries(['root', 'home', 'learn', 'learn-index', 'lesson', 'splat'].map((id) => [id, { id }])) }
		expect(partialManifestFor(manifest, appRoutes(), '/learn/courses/a/b')).toContain('learn-index')
		// Same manifest, a route tree without the index: the kept answer for "/learn" still names it.
		const withoutIndex = appRoutes()
		withoutIndex[0]!.children![1]!.children!.shift()
		expect(partialManifestFor(manifest, withoutIndex, '/learn/courses/a/b')).toContain('learn-index')
		// A new manifest (a new build) starts afresh.
		const rebuilt = { routes: { ...manifest.routes } }
		expect(partialManifestFor(rebuilt, withoutIndex, '/learn/courses/a/b')).not.toContain('learn-index')
	})
})
