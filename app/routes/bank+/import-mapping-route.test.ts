// The import route as the server calls it (real session cookie, real SQLite): the mapping and
// defaults the page sends are parsed again with the page's schema (ADR 026, ADR 070). A mapping
// naming an unknown column is a Chinese error by its field (400), never a 500; a good one is used.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Db } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'

type RouteModule = { action: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response> }
const origin = 'http://localhost'
const fixture = readFileSync(path.resolve(import.meta.dirname, '../../../tests/fixtures/bank-import/audit-100.csv'))

describe('bank import route: column mapping and defaults', () => {
	let db: Db
	let route: RouteModule
	let cookie: string

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, importRun] = await Promise.all([import('#app/utils/session.server.ts'), import('#app/exams/grading/test-fixtures.ts'), import('./import.run.tsx')])
		route = importRun as unknown as RouteModule
		const lecturer = await fixtures.createTestUser(db, { roles: ['lecturer'] })
		await db.user.update({ where: { id: lecturer.id }, data: { mustChangePassword: false } })
		cookie = (await session.commitSessionCookie((await session.createSession(db, lecturer.id)).token)).split(';')[0]!
	})

	async function post(fields: [string, string][]) {
		const form = new FormData()
		form.append('step', 'preview')
		for (const [name, value] of fields) form.append(name, value)
		form.append('file', new Blob([new Uint8Array(fixture)], { type: 'text/csv' }), 'audit-100.csv')
		const request = new Request(`${origin}/bank/import/run`, { method: 'POST', headers: { cookie, origin }, body: form })
		return route.action({ request, params: {}, context: {} })
	}

	test('an unknown column or a bad default is refused next to its field', async () => {
		const response = await post([
			['mapping[0].header', 'question'],
			['mapping[0].column', '题目正文'],
			['defaultDifficulty', '9'],
			['defaultTopic', '财务'],
		])
		expect(response.status).toBe(400)
		const reply = (await response.json()) as { error: Record<string, string[]> }
		expect(reply.error['mapping[0].column']).toEqual(['请从列表中选择这一列对应的字段，或选择“忽略此列”'])
		expect(reply.error.defaultDifficulty).toEqual(['难度须为 1–5 的整数'])
		expect(reply.error.defaultTopic).toEqual(['请选择列表中的专题'])
	})

	test('the page’s mapping and defaults are what the preview uses', async () => {
		const response = await post([
			['mapping[0].header', 'id'],
			['mapping[0].column', 'ignore'],
			['mapping[1].header', 'question'],
			['mapping[1].column', '题干'],
			['defaultTopic', 'economic_responsibility'],
			['defaultDifficulty', '2'],
			['defaultPoints', '1.5'],
		])
		expect(response.status).toBe(200)
		const events = (await response.text())
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as { type: string; preview?: { totalRows: number; validCount: number; mappingProblems: unknown[]; sample: { topic: string; points: number; typeInferred: boolean }[] } })
		const preview = events.at(-1)!.preview!
		expect(preview).toMatchObject({ totalRows: 100, validCount: 100, mappingProblems: [] })
		expect(preview.sample[0]).toMatchObject({ topic: '经责', points: 1.5, typeInferred: true })
		expect(await db.question.count()).toBe(0)
	})
})
