// Deny by default, enforced: every loader and action in app/routes must call a guard
// from app/utils/auth.server.ts itself (parallel loaders mean a parent's guard is not enough).
// The roles come from the access table (app/utils/access.ts) through requireAccess, so routes
// never name roles themselves: requireRole and requireUser are not route guards.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../app/routes')
const GUARDS = ['requireAccess', 'requireAnonymous', 'allowPublic']
const GUARD_CALL = new RegExp(`\\b(${GUARDS.join('|')})\\s*\\(`)

function routeFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const full = path.join(dir, entry)
		if (statSync(full).isDirectory()) return routeFiles(full)
		return /\.(tsx?|jsx?)$/.test(entry) && !/\.test\./.test(entry) && !entry.startsWith('__') && !/\.server\./.test(entry) ? [full] : []
	})
}

/** The source text of an exported loader/action function, up to the next top-level export. */
export function exportedFunctionBodies(source: string) {
	const bodies: { name: string; body: string }[] = []
	const pattern = /^export\s+(?:async\s+)?function\s+(loader|action)\b|^export\s+const\s+(loader|action)\b/gm
	const starts = [...source.matchAll(pattern)]
	for (const match of starts) {
		const start = match.index!
		const rest = source.slice(start + match[0].length)
		const next = rest.search(/^(export\s|function\s|const\s|async\s+function\s)/m)
		bodies.push({ name: match[1] ?? match[2]!, body: next === -1 ? rest : rest.slice(0, next) })
	}
	return bodies
}

describe('route guards', () => {
	const files = routeFiles(ROUTES_DIR)

	test('there are routes to check', () => {
		expect(files.length).toBeGreaterThan(3)
	})

	for (const file of files) {
		const relative = path.relative(ROUTES_DIR, file)
		const source = readFileSync(file, 'utf8')
		for (const { name, body } of exportedFunctionBodies(source)) {
			test(`${relative} ${name} calls a guard`, () => {
				expect(GUARD_CALL.test(body), `${relative}: ${name} must call one of ${GUARDS.join(', ')}`).toBe(true)
			})
		}
		test(`${relative} takes its roles from the access table`, () => {
			expect(/\b(requireRole|requireUser)\s*\(/.test(source), `${relative}: call requireAccess(request, '<area>') instead of requireRole/requireUser`).toBe(false)
		})
		test(`${relative} has no loader or action re-exported without a guard check`, () => {
			expect(/export\s*\{[^}]*\b(loader|action)\b[^}]*\}\s*from/.test(source), `${relative} re-exports a loader/action; define it here and guard it`).toBe(false)
		})
	}
})

describe('exportedFunctionBodies', () => {
	test('finds each exported loader and action body', () => {
		const bodies = exportedFunctionBodies(
			'export async function loader() {\n  await requireAccess(r, area)\n}\n\nexport async function action() {\n  return 1\n}\n',
		)
		expect(bodies.map((b) => b.name)).toEqual(['loader', 'action'])
		expect(GUARD_CALL.test(bodies[0]!.body)).toBe(true)
		expect(GUARD_CALL.test(bodies[1]!.body)).toBe(false)
	})
})
