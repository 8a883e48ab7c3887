// The question bank's and grading's forms called as the server calls them (real session cookie,
// real SQLite): conform's reply shape next to the field on bad input, and post-redirect-get with
// the toast cookie on success (ADR 070).
import { beforeAll, describe, expect, test } from 'vitest'
import type * as GradingFixtures from '#app/exams/grading/test-fixtures.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'

type Answer = { status: number; location: string | null; toast: boolean; reply: { status?: string; error?: Record<string, string[] | null> } | null; body: unknown }
type RouteModule = { action: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown> }

describe('question bank and grading forms on conform', () => {
	let db: Db
	let cookieOf: (userId: string) => Promise<string>
	let routes: Record<'newQuestion' | 'editQuestion' | 'bankIndex' | 'keyCorrection' | 'gradeItem' | 'importRun', RouteModule>
	let admin: { id: string }
	let lecturer: { id: string }
	let fixtures: typeof GradingFixtures
	const origin = 'http://localhost'

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		// The routes use the app's shared client, built on first import: point it here first.
		process.env.DATABASE_URL = opened.url
		const [session, gradingFixtures, newQuestion, editQuestion, bankIndex, keyCorrection, gradeItem, importRun] = await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/exams/grading/test-fixtures.ts'),
			import('./new.tsx'),
			import('./$questionId.tsx'),
			import('./_index.tsx'),
			import('./$questionId_.key.$versionId.tsx'),
			import('../grading+/items.$attemptQuestionId.tsx'),
			import('./import.run.tsx'),
		])
		fixtures = gradingFixtures
		routes = { newQuestion, editQuestion, bankIndex, keyCorrection, gradeItem, importRun } as unknown as typeof routes
		cookieOf = async (userId: string) => (await session.commitSessionCookie((await session.createSession(db, userId)).token)).split(';')[0]!
		admin = await fixtures.createTestUser(db, { roles: ['admin'] })
		lecturer = await fixtures.createTestUser(db, { name: '李讲师', roles: ['lecturer'] })
		// Signed-in people who still hold a temporary password are sent to change it first.
		await db.user.updateMany({ where: { id: { in: [admin.id, lecturer.id] } }, data: { mustChangePassword: false } })
	})

	async function post(route: keyof typeof routes, as: { id: string }, path: string, params: Record<string, string>, form: [string, string][]): Promise<Answer> {
		const cookie = await cookieOf(as.id)
		const request = new Request(`${origin}${path}`, {
			method: 'POST',
			headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(form),
		})
		const settled = await routes[route].action({ request, params, context: {} }).catch((thrown: unknown) => thrown)
		if (settled instanceof Response) {
			return { status: settled.status, location: settled.headers.get('Location'), toast: /^hs_toast=/.test(settled.headers.get('Set-Cookie') ?? ''), reply: null, body: null }
		}
		const maybe = settled as { type?: string; data?: unknown; init?: { status?: number } }
		if (maybe?.type === 'DataWithResponseInit') return { status: maybe.init?.status ?? 200, location: null, toast: false, reply: maybe.data as Answer['reply'], body: maybe.data }
		return { status: 200, location: null, toast: false, reply: null, body: settled }
	}

	const questionForm = (tag: string, overrides: Record<string, string> = {}): [string, string][] =>
		Object.entries({
			intent: 'save',
			type: 'single',
			topic: 'fiscal',
			difficulty: '3',
			points: '1',
			stem: `${tag} 预算公开的时限是批准后（ ）日内。`,
			'options[0]': '十',
			'options[1]': '二十',
			answerSingle: 'B',
			status: 'draft',
			...overrides,
		})

	test('新建题目: a bad question is answered next to its fields; a good one redirects to it with a toast', async () => {
		const tag = fixtures.uniqueTag('q')
		const gap = await post('newQuestion', lecturer, '/bank/new', {}, questionForm(tag, { 'options[1]': '', 'options[2]': '三十', answerSingle: 'C', points: '0' }))
		expect(gap.status).toBe(400)
		expect(gap.reply?.status).toBe('error')
		expect(gap.reply?.error?.['options[1]']).toEqual(['选项内容不能为空'])
		expect(gap.reply?.error?.points).toEqual(['分值须大于 0'])

		const blanks = await post('newQuestion', lecturer, '/bank/new', {}, questionForm(tag, { type: 'fill_blank', stem: `${tag} 预算包括____和____。`, answerBlanks: '一般公共预算', 'options[0]': '', 'options[1]': '' }))
		expect(blanks.reply?.error?.answerKey).toEqual(['题干中的空位（____ 或（ ））数量须与答案的空数一致'])

		const created = await post('newQuestion', lecturer, '/bank/new', {}, questionForm(tag))
		expect(created.status).toBe(302)
		expect(created.location).toMatch(/^\/bank\/[^/?]+$/)
		expect(created.toast).toBe(true)
		const question = await db.question.findFirstOrThrow({ where: { currentVersion: { stem: { contains: tag } } }, select: { status: true } })
		expect(question.status).toBe('draft')

		// The same stem again is the domain's refusal, next to 题干.
		const duplicate = await post('newQuestion', lecturer, '/bank/new', {}, questionForm(tag))
		expect(duplicate.status).toBe(400)
		expect(duplicate.reply?.error?.stem).toEqual(['题库中已有相同题干的题目'])
	})

	test('编辑题目 and its status buttons: errors by field, saves and status changes redirect with a toast', async () => {
		const tag = fixtures.uniqueTag('e')
		const created = await post('newQuestion', lecturer, '/bank/new', {}, questionForm(tag, { 'options[2]': '三十', answerSingle: 'C' }))
		const questionId = created.location!.split('/').pop()!
		const path = `/bank/${questionId}`
		const bad = await post('editQuestion', lecturer, path, { questionId }, questionForm(tag, { answerSingle: '', regulationName: '', regulationArticle: '第五条' }))
		expect(bad.status).toBe(400)
		expect(bad.reply?.error?.answerKey?.length).toBeGreaterThan(0)
		expect(bad.reply?.error?.regulationName).toEqual(['请填写法规名称'])

		const saved = await post('editQuestion', lecturer, path, { questionId }, questionForm(tag, { explanation: '预算法第二十二条。' }))
		expect([saved.status, saved.location, saved.toast]).toEqual([302, path, true])
		expect((await db.question.findUniqueOrThrow({ where: { id: questionId }, select: { currentVersion: { select: { explanation: true } } } })).currentVersion?.explanation).toBe('预算法第二十二条。')

		const badStatus = await post('editQuestion', lecturer, path, { questionId }, [['intent', 'status'], ['status', 'gone']])
		expect(badStatus.status).toBe(400)
		expect(badStatus.reply?.error?.status).toEqual(['状态无效'])
		const status = await post('editQuestion', lecturer, path, { questionId }, [['intent', 'status'], ['status', 'active']])
		expect([status.status, status.location, status.toast]).toEqual([302, path, true])
		expect((await db.question.findUniqueOrThrow({ where: { id: questionId } })).status).toBe('active')
	})

	test('题库 bulk status: nothing ticked is refused next to the list; ticked questions change with a toast', async () => {
		const tag = fixtures.uniqueTag('b')
		const first = await post('newQuestion', lecturer, '/bank/new', {}, questionForm(`${tag}1`))
		const second = await post('newQuestion', lecturer, '/bank/new', {}, questionForm(`${tag}2`))
		const ids = [first, second].map((answer) => answer.location!.split('/').pop()!)
		const none = await post('bankIndex', lecturer, '/bank?status=draft', {}, [['status', 'retired']])
		expect(none.status).toBe(400)
		expect(none.reply?.error?.questionId).toEqual(['请先勾选题目'])
		const done = await post('bankIndex', lecturer, '/bank?status=draft', {}, [['status', 'retired'], ...ids.map((id): [string, string] => ['questionId', id])])
		expect([done.status, done.location, done.toast]).toEqual([302, '/bank?status=draft', true])
		expect((await db.question.findMany({ where: { id: { in: ids } }, select: { status: true } })).map((q) => q.status)).toEqual(['retired', 'retired'])
	})

	test('更正答案: a preview answers with the differences; apply without a reason is refused next to it; apply redirects with a toast', async () => {
		const tag = fixtures.uniqueTag('k')
		const question = await fixtures.createTestQuestion(
			db,
			{ type: 'single', topic: 'fiscal', difficulty: 2, points: 1, stem: `${tag} 单选`, options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }], answerKey: 'A', tags: [] },
			{ actorId: admin.id },
		)
		const learner = await fixtures.createTestUser(db)
		const round = await fixtures.createTestRound(db)
		await fixtures.createClosedAttempt(db, { roundId: round.id, userId: learner.id, answers: [{ versionId: question.versionId, points: 2, answer: 'B' }] })
		const params = { questionId: question.questionId, versionId: question.versionId }
		const path = `/bank/${params.questionId}/key/${params.versionId}`

		const same = await post('keyCorrection', admin, path, params, [['intent', 'preview'], ['answerSingle', 'A']])
		expect(same.status).toBe(400)
		expect(same.reply?.error?.answerKey).toEqual(['新答案与原答案相同'])
		const preview = await post('keyCorrection', admin, path, params, [['intent', 'preview'], ['answerSingle', 'B']])
		expect(preview.status).toBe(200)
		expect(preview.body).toMatchObject({ preview: { affectedAttempts: 1 }, typed: { answerSingle: 'B' } })
		const noReason = await post('keyCorrection', admin, path, params, [['intent', 'apply'], ['answerSingle', 'B'], ['reason', '  ']])
		expect(noReason.status).toBe(400)
		expect(noReason.reply?.error?.reason).toEqual(['请填写更正原因'])
		const applied = await post('keyCorrection', admin, path, params, [['intent', 'apply'], ['answerSingle', 'B'], ['reason', '参考答案有误']])
		expect([applied.status, applied.location, applied.toast]).toEqual([302, path, true])
		expect(await db.auditLog.count({ where: { action: 'grading.regrade.key_correction', targetId: params.versionId } })).toBe(1)
	})

	test('评分: a score above the points is refused next to 得分; a mark redirects to the queue with a toast', async () => {
		const tag = fixtures.uniqueTag('g')
		const question = await fixtures.createTestQuestion(
			db,
			{ type: 'short_answer', topic: 'fiscal', difficulty: 2, points: 10, stem: `${tag} 简述`, answerKey: '参考答案', rubric: '要点', tags: [] },
			{ actorId: admin.id },
		)
		const learner = await fixtures.createTestUser(db)
		await db.user.update({ where: { id: learner.id }, data: { mustChangePassword: false } })
		const round = await fixtures.createTestRound(db)
		const attempt = await fixtures.createClosedAttempt(db, { roundId: round.id, userId: learner.id, answers: [{ versionId: question.versionId, points: 10, answer: '我的作答' }] })
		const attemptQuestion = await db.attemptQuestion.findFirstOrThrow({ where: { attemptId: attempt.id } })
		const params = { attemptQuestionId: attemptQuestion.id }
		const path = `/grading/items/${attemptQuestion.id}`

		const tooHigh = await post('gradeItem', lecturer, path, params, [['score', '12'], ['comment', '']])
		expect(tooHigh.status).toBe(400)
		expect(tooHigh.reply?.error?.score).toEqual(['分数不能超过本题满分 10'])
		const empty = await post('gradeItem', lecturer, path, params, [['score', ''], ['comment', '']])
		expect(empty.reply?.error?.score).toEqual(['请填写分数'])
		const own = await post('gradeItem', learner, path, params, [['score', '５'], ['comment', '']])
		expect(own.status).toBe(403)

		const marked = await post('gradeItem', lecturer, path, params, [['score', '８.５'], ['comment', '定性准确']])
		expect([marked.status, marked.location, marked.toast]).toEqual([302, `/grading/${round.id}?view=mine`, true])
		expect((await db.gradingMark.findFirstOrThrow({ where: { attemptQuestionId: attemptQuestion.id } })).score).toBe(8.5)
	})

	test('题目导入 upload: no file is refused in conform’s shape next to the file field; a file streams its preview', async () => {
		const cookie = await cookieOf(lecturer.id)
		const upload = (form: FormData) =>
			routes.importRun.action({ request: new Request(`${origin}/bank/import/run`, { method: 'POST', headers: { cookie, origin }, body: form }), params: {}, context: {} })
		const noFile = new FormData()
		noFile.append('step', 'preview')
		const refused = (await upload(noFile)) as Response
		expect(refused.status).toBe(400)
		expect(await refused.json()).toMatchObject({ status: 'error', error: { file: ['请先选择文件'] } })

		const withFile = new FormData()
		withFile.append('step', 'preview')
		withFile.append('file', new File(['题型,专题,难度,分值,题干,答案\n判断,财政,1,1,预算须公开。,√\n'], '题目.csv', { type: 'text/csv' }))
		const streamed = (await upload(withFile)) as Response
		expect(streamed.status).toBe(200)
		const events = (await streamed.text()).trim().split('\n').map((line) => JSON.parse(line) as { type: string; preview?: { totalRows: number } })
		expect(events.at(-1)).toMatchObject({ type: 'preview', preview: { totalRows: 1 } })
	})
})
