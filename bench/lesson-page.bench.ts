// Lessons from material lecturers already have (issue 14 part 10): the corpus of real documents
// written by others (tests/fixtures/lesson-corpus/, 40+ files, Chinese first) synced as one
// git-kept course by content:sync into a fresh SQLite database, then each accepted lesson's
// first compile timed in the lesson worker (the compiler loaded once beforehand; that load is
// reported beside, as is the start of the two worker threads before the sync) and its render checked with the real components. Figures:
//   - ratio_harmless_accepted: harmless documents (manifest "accept") content:sync accepted;
//   - ratio_dangerous_refused_correctly: documents that really carry danger refused for that
//     reason at the manifest's line;
//   - ratio_missing_images_refused: documents showing an image they do not ship refused for it;
//   - ratio_accepted_rendered_as_meant: accepted documents whose HTML is safe and shows their
//     math, callouts, footnotes and heading ids;
//   - compile_median_ms / compile_max_ms: first compile of each accepted document.
// Run: NODE_ENV=production npx tsx bench/lesson-page.bench.ts → bench/results/lesson-page.json
import { rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { median, prepareBenchDatabase, writeBenchResult } from './bench-support.ts'

process.env.NODE_ENV ??= 'production'

const { createDb } = await import('#app/utils/db-client.server.ts')
const { syncGitContent } = await import('#app/courses/git-sync.server.ts')
const { compileLessonBody } = await import('#app/courses/mdx/compile.server.ts')
const { storedLessonBody } = await import('#app/courses/mdx/check-lesson.server.ts')
const { parseStoredImageUrls } = await import('#app/courses/images/image-refs.ts')
const corpus = await import('#tests/lesson-corpus.ts')

const TARGETS = {
	ratio_harmless_accepted: 1,
	ratio_dangerous_refused_correctly: 1,
	ratio_missing_images_refused: 1,
	ratio_accepted_rendered_as_meant: 1,
	compile_median_ms: 300,
	compile_max_ms: 1000,
}
const round2 = (value: number) => Math.round(value * 100) / 100
const ratio = (part: number, whole: number) => (whole === 0 ? 1 : round2(part / whole))

const loadAverageAtStart = loadavg().map(round2)
const documents = corpus.loadCorpus()
const root = corpus.layOutAsCourse(documents)
const database = await prepareBenchDatabase('sqlite', 'lesson_page')
const db = createDb(database.url)

type Row = {
	file: string
	expect: (typeof documents)[number]['expect']
	verdict: string
	mismatch: string | null
	compileMs?: number
	compileError?: string
	dangers?: string[]
	renderProblems?: string[]
}
const rows: Row[] = []
let syncMs = 0
let compilerLoadMs = 0
let workerStartMs = 0
try {
	workerStartMs = await corpus.startLessonWorkers()
	const syncStarted = performance.now()
	const report = await syncGitContent(db, { root })
	syncMs = round2(performance.now() - syncStarted)
	const verdicts = corpus.verdictsFrom(report, documents)

	const loadStarted = performance.now()
	await compileLessonBody('# 预热')
	compilerLoadMs = round2(performance.now() - loadStarted)

	for (const document of documents) {
		const verdict = verdicts.get(document.file)!
		const row: Row = {
			file: document.file,
			expect: document.expect,
			verdict: verdict.ok ? 'accepted' : verdict.message,
			mismatch: corpus.verdictMismatch(document.expect, verdict),
		}
		rows.push(row)
		if (!verdict.ok) continue
		const lesson = await db.lesson.findFirst({
			where: { slug: document.lessonSlug, course: { slug: corpus.CORPUS_COURSE_SLUG } },
			select: { publishedVersion: { select: { source: true, imageUrls: true } } },
		})
		const body = storedLessonBody(lesson!.publishedVersion!.source)
		const imageUrls = parseStoredImageUrls(lesson!.publishedVersion!.imageUrls)
		const started = performance.now()
		try {
			const code = await compileLessonBody(body, undefined, { imageUrls })
			row.compileMs = round2(performance.now() - started)
			const html = corpus.renderLessonHtml(code)
			row.dangers = corpus.dangersIn(html)
			row.renderProblems = corpus.featureProblems(corpus.featuresOf(document.source), html)
		} catch (error) {
			row.compileError = (error as Error).message
		}
	}
} finally {
	await db.$disconnect()
	await database.drop()
	rmSync(root, { recursive: true, force: true })
}

const harmless = rows.filter((row) => row.expect === 'accept')
const missingImages = rows.filter((row) => row.expect !== 'accept' && row.expect.refuse === '图片')
const dangerous = rows.filter((row) => row.expect !== 'accept' && row.expect.refuse !== '图片')
const accepted = rows.filter((row) => row.verdict === 'accepted')
const compileTimes = accepted.flatMap((row) => (row.compileMs === undefined ? [] : [row.compileMs]))
const renderedAsMeant = accepted.filter((row) => row.compileMs !== undefined && row.dangers!.length === 0 && row.renderProblems!.length === 0)

const metrics = {
	ratio_harmless_accepted: ratio(harmless.filter((row) => row.verdict === 'accepted').length, harmless.length),
	ratio_dangerous_refused_correctly: ratio(dangerous.filter((row) => row.mismatch === null).length, dangerous.length),
	ratio_missing_images_refused: ratio(missingImages.filter((row) => row.mismatch === null).length, missingImages.length),
	ratio_accepted_rendered_as_meant: ratio(renderedAsMeant.length, accepted.length),
	compile_median_ms: compileTimes.length ? round2(median(compileTimes)) : Number.NaN,
	compile_max_ms: compileTimes.length ? Math.max(...compileTimes) : Number.NaN,
}
const file = writeBenchResult('lesson-page', {
	metrics,
	targets: TARGETS,
	targetDirection: { ratio_harmless_accepted: 'min', ratio_dangerous_refused_correctly: 'min', ratio_missing_images_refused: 'min', ratio_accepted_rendered_as_meant: 'min' },
	parameters: {
		documents: documents.length,
		chinese: documents.filter((document) => document.file.startsWith('zh-')).length,
		harmless: harmless.length,
		dangerous: dangerous.length,
		missingImages: missingImages.length,
		database: 'sqlite',
		nodeEnv: process.env.NODE_ENV,
	},
	loadAverageAtStart,
	workerStartMs,
	syncMs,
	compilerLoadMs,
	compileErrors: rows.filter((row) => row.compileError).length,
	documents: rows,
})
console.log(JSON.stringify(metrics, null, 2))
for (const row of rows.filter((row) => row.mismatch || row.compileError || row.dangers?.length || row.renderProblems?.length)) {
	console.log(`- ${row.file}: ${[row.mismatch, row.compileError, ...(row.dangers ?? []), ...(row.renderProblems ?? [])].filter(Boolean).join('；')}`)
}
console.log(`结果已写入 ${file}`)
process.exit(0)
