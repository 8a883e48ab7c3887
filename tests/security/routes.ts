// Every route module under app/routes, found on disk (so a new route cannot be missed), with
// the URL Remix serves it at, its params, and the area of the access table that covers it.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { ACCESS, type AccessArea } from '#app/utils/access.ts'
import type { Route } from '#tests/route-answer.ts'

export const ROUTES_DIR = path.resolve(import.meta.dirname, '../../app/routes')

export type RouteFile = {
	/** e.g. admin+/rounds.$roundId_.stats[.xlsx].ts */
	file: string
	/** e.g. /admin/rounds/:roundId/stats.xlsx */
	pattern: string
	params: string[]
	hasLoader: boolean
	hasAction: boolean
	load: () => Promise<Route>
}

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const full = path.join(dir, entry)
		if (statSync(full).isDirectory()) return walk(full)
		// Route-private files (__x), tests and server-only helpers are not routes.
		return /\.tsx?$/.test(entry) && !/\.test\./.test(entry) && !entry.startsWith('__') && !/\.server\./.test(entry) ? [full] : []
	})
}

/** Splits a flat-routes name at dots outside [ ] escapes. */
function segmentsOf(name: string) {
	const segments: string[] = []
	let current = ''
	let escaped = false
	for (const char of name) {
		if (char === '[') escaped = true
		else if (char === ']') escaped = false
		else if (char === '.' && !escaped) {
			segments.push(current)
			current = ''
			continue
		}
		current += char
	}
	segments.push(current)
	return segments
}

/** The URL pattern of a route file under remix-flat-routes' rules (folders ending in + are prefixes). */
export function patternOf(relative: string) {
	const parts = relative.replace(/\.tsx?$/, '').split('/')
	const segments = parts.flatMap((part, index) => (index < parts.length - 1 ? [part.replace(/\+$/, '')] : segmentsOf(part)))
	const url: string[] = []
	const params: string[] = []
	for (const raw of segments) {
		const segment = raw.replace(/_$/, '').replace(/\[([^\]]*)\]/g, '$1')
		if (segment === '_index' || segment === 'index' || segment.startsWith('_')) continue
		if (segment === '$') {
			url.push('*')
			params.push('*')
		} else if (segment.startsWith('$')) {
			const [name, ...suffix] = segment.slice(1).split('.')
			params.push(name!)
			url.push(`:${name}${suffix.length ? `.${suffix.join('.')}` : ''}`)
		} else url.push(segment)
	}
	return { pattern: `/${url.join('/')}`, params }
}

export function routeFiles(): RouteFile[] {
	return walk(ROUTES_DIR)
		.map((full) => {
			const file = path.relative(ROUTES_DIR, full)
			const source = readFileSync(full, 'utf8')
			return {
				file,
				...patternOf(file),
				hasLoader: /^export\s+(async\s+)?(function|const)\s+loader\b/m.test(source),
				hasAction: /^export\s+(async\s+)?(function|const)\s+action\b/m.test(source),
				load: async () => (await import(/* @vite-ignore */ full)) as Route,
			}
		})
		.sort((a, b) => a.file.localeCompare(b.file))
}

/**
 * The table's area for a URL pattern: the longest area whose segments begin the pattern (a
 * `:param` in either matches any one segment; `stats` covers `stats.xlsx`). The root area
 * covers only the root page: every other page lies in a named area.
 */
export function areaOf(pattern: string): AccessArea | undefined {
	const url = pattern.split('/').filter(Boolean)
	let best: AccessArea | undefined
	let bestLength = -1
	for (const area of Object.keys(ACCESS) as AccessArea[]) {
		const segments = area.split('/').filter(Boolean)
		if (segments.length === 0 ? url.length !== 0 : segments.length > url.length) continue
		const matches = segments.every((segment, i) => {
			const part = url[i]!
			return segment.startsWith(':') || part.startsWith(':') || part === segment || part.startsWith(`${segment}.`)
		})
		if (matches && segments.length > bestLength) {
			best = area
			bestLength = segments.length
		}
	}
	return best
}

/** The pattern with its params filled in. */
export function urlOf(pattern: string, params: Record<string, string>) {
	return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`)).replace('*', params['*'] ?? '')
}
