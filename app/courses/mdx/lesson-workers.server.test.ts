// Issue 8, item 4: lesson Markdown must not freeze the server. Every pathological body is
// refused or answered with a Chinese message within the time limit, while the event loop of
// this process (the one that would answer pages) spends under 1 s of the whole time busy.
// Busy time, not the longest timer delay: on a loaded machine a timer can wait seconds for the
// CPU while this thread does nothing (a clean CI run saw 1.6 s), which says nothing about where
// the parse ran; the control test below shows the busy time catches a parse on this thread.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Worker } from 'node:worker_threads'
import { afterAll, expect, test, vi } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { PATHOLOGICAL_BODIES, SLOW_BUT_ALLOWED_BODY } from '#tests/pathological-lessons.ts'
import { createCourse } from '../courses.server.ts'
import { DEFAULT_CONTENT_ROOT, syncGitContent } from '../git-sync.server.ts'
import { createLesson, previewLesson, saveLessonDraft } from '../lessons.ts'
import { copyOfContent, createEditor, lessonSource } from '../test-fixtures.ts'
import { checkLessonSourceSync } from './check-lesson.server.ts'
import { compileBodyHere } from './compile-body.server.ts'
import { compileLessonBody } from './compile.server.ts'
import { LessonRefusedError } from './issues.ts'
import { checkLessonSource, LESSON_WORKER_LIMITS, LessonWorkerPool, LessonWorkersBusyError, lessonWorkers } from './lesson-workers.server.ts'
import { MARKUP_LIMITS, scanLessonMarkup } from './markup-limits.ts'

const CHINESE = /[\u4e00-\u9fff]/
/** The event loop must answer within this while a lesson is being handled. */
const RESPONSIVE_MS = 1_000

/** Runs `work` while measuring how long this thread's event loop was busy (not waiting for events). */
async function withLoopWatch<T>(work: () => Promise<T>) {
	const before = performance.eventLoopUtilization()
	const started = performance.now()
	const result = await work()
	const elapsedMs = performance.now() - started
	return { result, elapsedMs, busyMs: performance.eventLoopUtilization(before).active }
}

afterAll(() => lessonWorkers.close())

describeEachProvider('lesson preview under attack', (getDb) => {
	test.each(PATHOLOGICAL_BODIES)('$name is refused in Chinese, naming a line, and pages keep answering', async ({ body }) => {
		const db = await getDb()
		const watched = await withLoopWatch(() => previewLesson(db, lessonSource({ title: '攻击', body })))
		expect(watched.result.ok).toBe(false)
		if (watched.result.ok) return
		expect(watched.result.message).toMatch(CHINESE)
		expect(watched.result.message).toMatch(/^第\d+行：/)
		expect(watched.elapsedMs).toBeLessThan(LESSON_WORKER_LIMITS.checkMs + 5_000)
		expect(watched.busyMs).toBeLessThan(RESPONSIVE_MS)
	})

	test('a body within every limit that still takes the parser seconds is handled in a worker while pages keep answering', async () => {
		const db = await getDb()
		const watched = await withLoopWatch(() => previewLesson(db, lessonSource({ title: '密集强调', body: SLOW_BUT_ALLOWED_BODY })))
		// Either outcome is fine on a busy machine: compiled, or stopped at the time limit with a Chinese reason.
		if (!watched.result.ok) expect(watched.result.message).toMatch(/^第\d+行：正文过于复杂/)
		expect(watched.elapsedMs).toBeLessThan(LESSON_WORKER_LIMITS.checkMs + LESSON_WORKER_LIMITS.compileMs + 5_000)
		// A compiled result is large (a tree of thousands of elements), and storing it costs this
		// thread time that grows with the machine's load as the parse does (clean CI runs: 1.2–1.5 s
		// busy on SQLite, whose driver writes on this thread; known debt in ADR 015). So the bound
		// is 1 s or, on a loaded machine, what the parse alone costs this thread when it runs here,
		// measured in the same run: a parse on this thread would cost that and the storing on top.
		const parsedHere = await withLoopWatch(async () => checkLessonSourceSync(lessonSource({ title: '密集强调', body: SLOW_BUT_ALLOWED_BODY })))
		expect(watched.busyMs).toBeLessThan(Math.max(RESPONSIVE_MS, parsedHere.busyMs))
	}, 90_000)
})

describeEachProvider('saving and syncing lessons under attack', (getDb) => {
	const [emphasis] = PATHOLOGICAL_BODIES

	test('a save of pathological text is refused at its line, writes nothing, and pages keep answering', async () => {
		const db = await getDb()
		const editor = await createEditor(db)
		const course = await createCourse(db, editor, { title: '攻击测试课程', summary: '', topic: 'fiscal', audiences: ['department'] })
		const created = await createLesson(db, editor, { courseId: course.id, source: lessonSource({ title: '正常', body: '正常的正文。' }) })
		if (!created.ok) throw new Error(created.message)
		for (const { body } of PATHOLOGICAL_BODIES.filter(({ body }) => body.length <= 60_000)) {
			const watched = await withLoopWatch(() => saveLessonDraft(db, editor, { lessonId: created.lessonId, source: lessonSource({ title: '攻击', body }), baseRevision: null }))
			expect(watched.result).toEqual({ ok: false, reason: 'refused', message: expect.stringMatching(/^第\d+行/), issue: expect.objectContaining({ line: expect.any(Number), message: expect.stringMatching(CHINESE) }) })
			expect(watched.busyMs).toBeLessThan(RESPONSIVE_MS)
		}
		const versions = await db.lessonVersion.findMany({ where: { lessonId: created.lessonId }, select: { title: true } })
		expect(versions).toEqual([{ title: '正常' }])
		// Dense but within every limit: saved (or stopped at the time limit) while pages keep answering.
		const slow = await withLoopWatch(() => saveLessonDraft(db, editor, { lessonId: created.lessonId, source: lessonSource({ title: '密集强调', body: SLOW_BUT_ALLOWED_BODY }), baseRevision: null }))
		if (!slow.result.ok) expect(slow.result.message).toMatch(/^第\d+行：正文过于复杂/)
		expect(slow.busyMs).toBeLessThan(RESPONSIVE_MS)
	}, 90_000)

	test('content:sync reports a pathological lesson file with its line and keeps the last version', async () => {
		const db = await getDb()
		const root = copyOfContent()
		await syncGitContent(db, { root })
		const file = path.join(root, 'fiscal-budget-execution/01-budget-law-basics.mdx')
		writeFileSync(file, `${readFileSync(file, 'utf8')}\n${emphasis!.body}\n`)
		const lineOfAttack = readFileSync(file, 'utf8').split('\n').length - 1
		const watched = await withLoopWatch(() => syncGitContent(db, { root }))
		expect(watched.result.errors).toEqual([{ file: 'fiscal-budget-execution/01-budget-law-basics.mdx', message: expect.stringMatching(new RegExp(`^第${lineOfAttack}行：连续的“\\*”过多`)) }])
		expect(watched.busyMs).toBeLessThan(RESPONSIVE_MS)
		const lesson = await db.lesson.findFirstOrThrow({ where: { slug: 'budget-law-basics', course: { slug: 'fiscal-budget-execution' } }, select: { publishedVersion: { select: { version: true } } } })
		expect(lesson.publishedVersion?.version).toBe(1)
	}, 90_000)
})

test('the same body parsed on the calling thread stalls it: the measure above would catch a parse on the request thread', async () => {
	const watched = await withLoopWatch(async () => {
		await new Promise((resolve) => setTimeout(resolve, 50))
		return checkLessonSourceSync(lessonSource({ title: '密集强调', body: SLOW_BUT_ALLOWED_BODY }))
	})
	expect(watched.result.ok).toBe(true)
	// Measured in the same run, so a slow machine only makes the stall longer.
	expect(watched.busyMs).toBeGreaterThan(Math.min(RESPONSIVE_MS, watched.elapsedMs * 0.8))
}, 90_000)

test('a check that runs past its time limit is stopped, refused in Chinese at the densest line, and the pool goes on working', async () => {
	const pool = new LessonWorkerPool({ checkMs: 300, maxThreads: 1 })
	try {
		const source = lessonSource({ title: '密集强调', body: `普通的第一段。\n\n${SLOW_BUT_ALLOWED_BODY}` })
		// Starting the worker is not the task's time (the pool boots it outside the limit).
		await pool.run({ kind: 'ping' }, 120_000)
		const started = performance.now()
		const result = await checkLessonSource(source, pool)
		expect(performance.now() - started).toBeLessThan(300 + 5_000)
		expect(result).toEqual({ ok: false, issue: { line: 8, message: expect.stringMatching(/^正文过于复杂，0\.3 秒内未能处理完，已停止。请减少/) } })
		expect(pool.threadCount).toBeLessThanOrEqual(1)
		// The stopped worker is replaced on demand (given time to start a fresh thread on a busy machine).
		const again = await pool.run({ kind: 'check', source: lessonSource({ title: '普通', body: '**正常**的课时。' }) }, 30_000)
		expect(again.ok).toBe(true)
	} finally {
		await pool.close()
	}
}, 60_000)

test('a check that needs more memory than a worker may have ends that worker, not the server, and is refused in Chinese', async () => {
	// 32 MB starts a worker but cannot hold this parse (48 MB can).
	const pool = new LessonWorkerPool({ maxHeapMb: 32 })
	try {
		const result = await checkLessonSource(lessonSource({ title: '密集强调', body: SLOW_BUT_ALLOWED_BODY }), pool)
		expect(result).toEqual({ ok: false, issue: { line: 6, message: expect.stringMatching(/^正文过于复杂，处理时占用内存过多，已停止。/) } })
		// The ended worker is replaced on demand; starting it is not the next check's time (as the pool boots its first).
		await pool.run({ kind: 'ping' }, 120_000)
		expect((await checkLessonSource(lessonSource({ title: '普通', body: '正文' }), pool)).ok).toBe(true)
	} finally {
		await pool.close()
	}
}, 60_000)

test('a worker that dies while starting is reported to the waiting check, not thrown at the server', async () => {
	// 8 MB is too little to load the parser: the worker dies before it takes the task.
	const pool = new LessonWorkerPool({ maxHeapMb: 8 })
	const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
	try {
		const started = performance.now()
		const result = await checkLessonSource(lessonSource({ title: '普通', body: '正文' }), pool)
		expect(result).toEqual({ ok: false, issue: { line: 1, message: expect.stringMatching(/^正文过于复杂，处理时占用内存过多，已停止。/) } })
		// Answered when the worker died, not when the time limit ran out.
		expect(performance.now() - started).toBeLessThan(pool.limits.checkMs)
		expect(errors).toHaveBeenCalledWith('课时处理线程启动失败：', expect.objectContaining({ code: 'ERR_WORKER_OUT_OF_MEMORY' }))
	} finally {
		errors.mockRestore()
		await pool.close()
	}
}, 60_000)

test('a compile that times out has ended its thread before the refusal arrives, so the next compile never runs beside it', async () => {
	const pool = new LessonWorkerPool({ compileMs: 300 })
	const seen = new Set<Worker>()
	let watch: NodeJS.Timeout | undefined
	try {
		// A warm thread, so the slow body really runs in it (a cold one is still loading the compiler).
		expect((await pool.run({ kind: 'compile', body: '# 预热' }, 60_000)).ok).toBe(true)
		watch = setInterval(() => pool.threads.forEach((thread) => seen.add(thread)), 5)
		const failure = await compileLessonBody(SLOW_BUT_ALLOWED_BODY, pool).catch((error: unknown) => error)
		clearInterval(watch)
		expect(failure).toBeInstanceOf(LessonRefusedError)
		const stopped = [...seen].filter((thread) => !pool.threads.includes(thread))
		expect(stopped.length).toBeGreaterThan(0)
		// A thread that has exited reports threadId -1.
		expect(stopped.map((thread) => thread.threadId)).toEqual(stopped.map(() => -1))
	} finally {
		clearInterval(watch)
		await pool.close()
	}
}, 60_000)

test('a compile that runs past its time limit is refused as a LessonRefusedError in Chinese', async () => {
	const pool = new LessonWorkerPool({ compileMs: 300 })
	try {
		const failure = await compileLessonBody(SLOW_BUT_ALLOWED_BODY, pool).catch((error: unknown) => error)
		expect(failure).toBeInstanceOf(LessonRefusedError)
		expect((failure as LessonRefusedError).issue).toEqual({ line: 1, message: expect.stringMatching(/^正文过于复杂，0\.3 秒内未能处理完/) })
	} finally {
		await pool.close()
	}
}, 60_000)

test('when every worker is busy and no one may wait, a check is refused with a Chinese message at once', async () => {
	const pool = new LessonWorkerPool({ maxThreads: 1, maxWaiting: 0 })
	try {
		const first = checkLessonSource(lessonSource({ title: '密集强调', body: SLOW_BUT_ALLOWED_BODY }), pool)
		await expect(checkLessonSource(lessonSource({ title: '普通', body: '正文' }), pool)).rejects.toThrow(LessonWorkersBusyError)
		await expect(checkLessonSource(lessonSource({ title: '普通', body: '正文' }), pool)).rejects.toThrow('服务器正忙于处理其他课时，请稍后再试')
		await first
	} finally {
		await pool.close()
	}
}, 60_000)

test('every lesson in content/courses passes the markup limits and compiles in a worker to exactly what the compiler makes in-thread', async () => {
	const files = readdirSync(DEFAULT_CONTENT_ROOT, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mdx'))
	expect(files.length).toBeGreaterThan(3)
	for (const file of files) {
		const source = readFileSync(path.join(DEFAULT_CONTENT_ROOT, file), 'utf8')
		expect(scanLessonMarkup(source).issue, file).toBeNull()
		const checked = await checkLessonSource(source)
		if (!checked.ok) throw new Error(`${file}: ${checked.issue.message}`)
		expect(checked).toEqual(checkLessonSourceSync(source))
		const inWorker = await compileLessonBody(checked.lesson.body)
		expect(await compileBodyHere(checked.lesson.body)).toEqual({ ok: true, code: inWorker })
	}
}, 120_000)

test('the markup limits name the line and leave ordinary Markdown alone', () => {
	const scan = (text: string) => scanLessonMarkup(text).issue
	expect(scan('正文\n\n***重点***，__下划线__，~~删除~~\n\n> 引用\n> > 嵌套引用\n\n- 列表\n  - 子列表\n    1. 编号')).toBeNull()
	expect(scan('```js\nconst total = items.reduce((sum, item) => sum + item.amount * item.rate, 0)\n```')).toBeNull()
	// Code is counted too: where a fence ends is not always where the parser sees it end.
	expect(scan('```\n' + '*'.repeat(500) + '\n```')).toEqual({ line: 2, message: expect.stringContaining('连续的“*”过多') })
	expect(scan(`填空：${'_'.repeat(40)}`)).toBeNull()
	expect(scan(`a\n\nb${'*'.repeat(65)}`)).toEqual({ line: 3, message: expect.stringContaining('连续的“*”过多（超过 64 个）') })
	expect(scan(`a\n${'> '.repeat(17)}x`)).toEqual({ line: 2, message: '引用（>）或列表嵌套过深（17 层），最多 16 层' })
	expect(scan(`a\n${' '.repeat(65)}- x`)).toEqual({ line: 2, message: '行首缩进过多（65 列），最多 64 列' })
	// A long list counts per item; one paragraph counts as a whole, and the refusal names where the limit was crossed.
	expect(scan('- [链接](/a) **粗体**\n'.repeat(1_000))).toBeNull()
	expect(scan('[a]'.repeat(700) + '\n' + '[a]'.repeat(700))).toEqual({ line: 2, message: expect.stringContaining(`超过 ${MARKUP_LIMITS.maxMarkupPerBlock} 个，请用空行把它拆成几段`) })
	expect(scan('a\n'.repeat(MARKUP_LIMITS.maxLines))).toEqual({ line: MARKUP_LIMITS.maxLines + 1, message: `课时内容超过 ${MARKUP_LIMITS.maxLines} 行，请拆成几个课时` })
	expect(scanLessonMarkup('x'.repeat(MARKUP_LIMITS.maxSourceChars + 1)).issue?.message).toMatch(/^课时内容过长/)
	expect(scanLessonMarkup('a\n\n' + '*a '.repeat(10) + '\n\n' + '[b]'.repeat(20), 4).heaviestLine).toBe(9)
})
