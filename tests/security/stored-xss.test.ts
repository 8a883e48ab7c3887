// Stored XSS (issue 13 item 4): hostile text in every field a person can fill in and others
// see — user names, unit names, question stems, options and 解析, appeal reasons, mentors'
// check-in notes, grading comments — stored through the real domain functions, then the pages
// that show them rendered on the server through the real route (real loader with a real
// session, real component). Each page must show the text (so the field really was rendered)
// and carry no executable markup: no script, iframe, object or base element, no event-handler
// attribute, no javascript:/data: URL. Lesson MDX has its own corpus, compiled and rendered
// with the real components (app/courses/mdx/xss-corpus.test.ts).
import { beforeAll, describe, expect, test } from 'vitest'
import { requestAs, sessionCookieFor } from '#tests/sign-in.ts'
import { renderPage } from './render-page.tsx'
import { fixtureParams, openWorld, type Identity, type World } from './world.ts'

/** Each payload is tagged with its number, so a page can be checked to have shown it. */
const PAYLOADS = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'"><svg onload=alert(1)>',
	"'><iframe src=javascript:alert(1)></iframe>",
	'<a href="javascript:alert(1)">点我</a>',
	'</textarea><script>alert(1)</script>',
	'<base href="https://evil.example/">',
	'<object data="data:text/html,<script>alert(1)</script>"></object>',
	'{{constructor.constructor("alert(1)")()}}',
	'<style>@import "https://evil.example/x.css"</style>',
].map((payload, i) => `X${i}${payload}`)

/** A browser ignores whitespace and control characters inside a URL's scheme ("java\tscript:"). */
const withoutControls = (value: string) => [...value].filter((char) => char.charCodeAt(0) > 0x20).join('')

/** Executable markup in rendered HTML: elements that run or load code, handler attributes, script URLs. */
function executableMarkup(html: string) {
	const found: string[] = []
	for (const match of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
		const [tag, name, attributes] = [match[0], match[1]!.toLowerCase(), match[2] ?? '']
		if (['script', 'iframe', 'object', 'embed', 'base', 'style', 'meta', 'link'].includes(name)) found.push(tag)
		// Attribute by attribute: a value (quoted, entities undone) is data, only names and URL values matter.
		for (const attribute of attributes.matchAll(/([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
			const attributeName = attribute[1]!.toLowerCase()
			const value = (attribute[2] ?? '').replace(/^["']|["']$/g, '').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim()
			if (/^on[a-z]+$/.test(attributeName)) found.push(tag)
			if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc'].includes(attributeName) && /^(javascript|data|vbscript):/i.test(withoutControls(value))) found.push(tag)
		}
	}
	return found
}

/** React escapes text: a payload shows as its escaped form. */
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')

describe('stored XSS: hostile text in every shared field renders inert', () => {
	let world: World
	let params: Record<string, string>
	let questionId: string
	let appealId: string
	let customUnitId: string
	let essayAttemptId: string

	beforeAll(async () => {
		world = await openWorld()
		const fixture = await fixtureParams(world)
		params = fixture.params
		const { db, people } = world
		const admin = { id: people.admin, name: '周审计' }
		const [{ createUnit }, { createUser }, { insertQuestion }, { QuestionContentSchema }, { questionContent }, { fileAppeal }, { recordCheckIn }, { recordMark }] = await Promise.all([
			import('#app/admin/units.ts'),
			import('#app/admin/users.ts'),
			import('#app/exams/bank/questions.ts'),
			import('#app/exams/bank/question-types.ts'),
			import('#app/exams/rounds/test-fixtures.ts'),
			import('#app/rankings/appeals.ts'),
			import('#app/mentorship/journal.ts'),
			import('#app/exams/grading/manual.server.ts'),
		])
		const { CheckInSchema } = await import('#app/mentorship/record-form.ts')
		const district = (await db.user.findUniqueOrThrow({ where: { id: people.admin }, select: { unitId: true } })).unitId
		for (const [i, payload] of PAYLOADS.entries()) {
			const unit = await createUnit(db, admin, { name: `单位${payload}`, kind: 'department', parentId: district })
			expect(unit.ok, payload).toBe(true)
			if (unit.ok && i === 0) customUnitId = unit.unitId
			const user = await createUser(db, admin, { username: `xss${i}`, name: `姓名${payload}`, unitId: district, roles: ['learner'], phone: null })
			expect(user.ok, payload).toBe(true)
		}
		const content = questionContent('single')
		const question = await db.$transaction((tx) =>
			insertQuestion(tx, {
				content: QuestionContentSchema.parse({
					...content,
					stem: `题干${PAYLOADS.join('|')}`,
					explanation: `解析${PAYLOADS.join('|')}`,
					options: (content.options ?? []).map((option, i) => ({ ...option, text: `选项${PAYLOADS[i]}` })),
				}),
				status: 'active',
				actorId: people.admin,
			}),
		)
		questionId = question.questionId
		const filed = await fileAppeal(db, { attemptId: params.attemptId!, userId: people.learner, input: { position: String(fixture.unappealedPosition), reason: `理由${PAYLOADS.join('|')}` }, now: new Date() })
		if (!filed.ok) throw new Error(JSON.stringify(filed))
		appealId = filed.appealId
		const input = CheckInSchema.parse({ heldOn: new Date().toISOString().slice(0, 10), topics: `主题${PAYLOADS[0]}`, notes: `记录${PAYLOADS.join('|')}`, nextSteps: `下一步${PAYLOADS[1]}` })
		await recordCheckIn(db, { pairingId: params.pairingId!, authorId: people.several, input })
		// A grading comment on an essay the learner wrote: a round of one short answer, sat, closed
		// and open for review, marked by an admin through the grading code.
		const fixtures = await import('#app/exams/rounds/test-fixtures.ts')
		await fixtures.createBankQuestions(db, 'short_answer', 1, { topic: 'fiscal' })
		// The round opened three hours ago; the paper was started two and a half hours ago.
		const started = new Date(Date.now() - 2.5 * 3600_000)
		const essayRound = await fixtures.createRound(db, new Date(Date.now() - 2 * 3600_000), { rules: [{ topic: 'fiscal', type: 'short_answer', difficulty: null, count: 1, pointsEach: 10 }] })
		const learner = await db.user.findUniqueOrThrow({ where: { id: people.learner }, select: { id: true, unitId: true } })
		essayAttemptId = await fixtures.sitRound(db, { roundId: essayRound.id, person: { ...learner, roles: ['learner'] }, startAt: started, isRight: () => false })
		await db.round.update({ where: { id: essayRound.id }, data: { closesAt: new Date(Date.now() - 60_000), reviewOpensAt: new Date(Date.now() - 30_000) } })
		const essay = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId: essayAttemptId }, select: { id: true } })
		const mark = await recordMark(db, { attemptQuestionId: essay.id, graderId: people.admin, score: 3, comment: `评语${PAYLOADS.join('|')}` })
		expect(mark.ok, JSON.stringify(mark)).toBe(true)
	}, 180_000)

	async function render(identity: Exclude<Identity, 'anonymous'>, pattern: string, url: string, routeParams: Record<string, string>, file: string) {
		const page = await import(/* @vite-ignore */ `../../app/routes/${file}`)
		const cookie = await sessionCookieFor(world.db, world.people[identity])
		const { status, html } = await renderPage(page, { pattern, request: requestAs(cookie, url), params: routeParams })
		expect(status, `${url}: ${html.slice(0, 300)}`).toBe(200)
		return html
	}

	function expectInert(html: string, shown: string[], where: string) {
		expect(executableMarkup(html), `${where}: ${JSON.stringify(executableMarkup(html))}`).toEqual([])
		for (const text of shown) expect(html, `${where} shows ${text}`).toContain(escaped(text))
	}

	test('unit names: the unit list and a unit’s page', async () => {
		expectInert(await render('admin', '/admin/units', '/admin/units', {}, 'admin+/units._index.tsx'), PAYLOADS.map((p) => `单位${p}`), '/admin/units')
		expectInert(await render('admin', '/admin/units/:unitId', `/admin/units/${customUnitId}`, { unitId: customUnitId }, 'admin+/units.$unitId.tsx'), [`单位${PAYLOADS[0]}`], 'a unit')
	})

	test('user names: the people list', async () => {
		expectInert(await render('admin', '/admin/users', '/admin/users?q=xss', {}, 'admin+/users._index.tsx'), PAYLOADS.map((p) => `姓名${p}`), '/admin/users')
	})

	test('question stem, options and 解析: the bank’s question page', async () => {
		const html = await render('lecturer', '/bank/:questionId', `/bank/${questionId}`, { questionId }, 'bank+/$questionId.tsx')
		expectInert(html, [...PAYLOADS.slice(0, 4).map((p) => `选项${p}`)], 'the question page')
		expect(html).toContain(escaped(PAYLOADS[0]!))
	})

	test('appeal reasons: the admin’s appeal page and the learner’s list', async () => {
		expectInert(await render('admin', '/admin/appeals/:appealId', `/admin/appeals/${appealId}`, { appealId }, 'admin+/appeals.$appealId.tsx'), PAYLOADS.map((p) => p), 'the appeal page')
		expectInert(await render('learner', '/appeals', '/appeals', {}, 'appeals+/_index.tsx'), [PAYLOADS[0]!], 'the learner’s appeals')
	})

	test('check-in notes: the mentor’s apprentice page and the term report', async () => {
		expectInert(await render('several', '/mentor/apprentices/:apprenticeId', `/mentor/apprentices/${params.apprenticeId}`, { apprenticeId: params.apprenticeId! }, 'mentor+/apprentices.$apprenticeId.tsx'), PAYLOADS.map((p) => p), 'the apprentice page')
		expectInert(await render('learner', '/mentorship/:pairingId/report', `/mentorship/${params.pairingId}/report`, { pairingId: params.pairingId! }, 'mentorship+/$pairingId.report.tsx'), [`主题${PAYLOADS[0]}`], 'the term report')
	})

	test('grading comments and the 解析 on the learner’s reviewed result', async () => {
		const html = await render('learner', '/exams/attempts/:attemptId/result', `/exams/attempts/${essayAttemptId}/result`, { attemptId: essayAttemptId }, 'exams+/attempts.$attemptId_.result.tsx')
		expectInert(html, PAYLOADS.map((p) => p), 'the result page')
	})

	test('the check finds executable markup when there is some', () => {
		expect(executableMarkup('<p>x</p><img src=x onerror=alert(1)><a href="javascript:alert(1)">a</a><script>1</script>')).toHaveLength(3)
		expect(executableMarkup(`<p>${escaped(PAYLOADS[1]!)}</p>`)).toEqual([])
	})
})
