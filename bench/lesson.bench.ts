// Lesson pages (issue 13): the production server answering lesson pages at 200 requests/s over
// 60 lessons (the seed courses copied five times, each copy's text made different so each has
// its own bundle) and three role sets (learners; learners who are mentors; lecturers), timed by
// the load generator itself (bench/open-loop-worker.mjs, its own process, open loop: a request
// leaves at its moment whether or not earlier ones came back). Time to first byte is from
// sending the request to the status line. Three figures:
//   - steady state: every (lesson, role set) document already rendered once (ADR 036);
//   - cache miss: the server just started, the first view of each lesson by each role set, one
//     request at a time (each pays the shared render; no lesson is compiled: bundles are stored);
//   - first compile: each seed lesson's MDX compiled once in a process whose compiler is loaded
//     (the compiler's one-off load is reported beside it).
// A baseline in the same run: a small built file from the same server at the same rate.
// SQLite with one server process gives the top-level metrics; PostgreSQL with WEB_CONCURRENCY=2
// is reported beside it. The run also checks that the load compiled nothing.
// Run: npx tsx bench/lesson.bench.ts   env BENCH_PROVIDERS=sqlite,postgresql  BENCH_SECONDS=30
//   → bench/results/lesson.json
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { prepareBenchDatabase, requestedServerVariants, runInOwnProcess, serverSnapshot, type ServerVariant, startBenchServer, stopBenchServer, writeBenchResult } from './bench-support.ts'

process.env.SESSION_SECRET = randomBytes(32).toString('hex')
process.env.NODE_ENV = 'production'

const root = path.resolve(import.meta.dirname, '..')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
const RATE = 200
const BASELINE_SECONDS = 10
/** The cache-miss views go one at a time: each shows what one miss costs, not a queue. */
const COLD_RATE = 5
const COPIES = 5
const PORT = Number(process.env.BENCH_PORT ?? 3460)
const ROLE_SETS = [
	{ label: 'learner', roles: ['learner'], readers: 100 },
	{ label: 'mentor', roles: ['learner', 'mentor'], readers: 50 },
	{ label: 'lecturer', roles: ['lecturer'], readers: 50 },
] as const
const TARGETS = { ttfb_p50_ms: 10, ttfb_p99_ms: 50, first_compile_ms: 300 }
const { createDb } = await import('#app/utils/db-client.server.ts')
const { createSession, commitSessionCookie } = await import('#app/utils/session.server.ts')
const { prepareCourseContent } = await import('#app/courses/content-startup.server.ts')
const { storedLessonBody } = await import('#app/courses/mdx/check-lesson.server.ts')
type Db = ReturnType<typeof createDb>
type Percentiles = { count: number; p50: number | null; p90: number | null; p99: number | null; max: number | null }
type LoadResult = { ttfb: Percentiles; total: Percentiles; statuses: Record<string, number>; sent: number; achievedPerSecond: number; generatorLateMsMax: number }

const round2 = (value: number) => Math.round(value * 100) / 100
const contentRoot = path.join(root, 'content/courses')

/** Every seed lesson compiled once; the first call also pays for loading the compiler. */
async function measureFirstCompiles() {
	const started = performance.now()
	const { compileLessonBody } = await import('#app/courses/mdx/compile.server.ts')
	await compileLessonBody('# 预热')
	const compilerLoadMs = round2(performance.now() - started)
	const samples: { lesson: string; ms: number }[] = []
	for (const course of readdirSync(contentRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
		for (const file of readdirSync(path.join(contentRoot, course.name)).filter((name) => name.endsWith('.mdx'))) {
			const body = storedLessonBody(readFileSync(path.join(contentRoot, course.name, file), 'utf8'))
			const t = performance.now()
			await compileLessonBody(body)
			samples.push({ lesson: `${course.name}/${file}`, ms: round2(performance.now() - t) })
		}
	}
	return { compilerLoadMs, maxMs: Math.max(...samples.map((s) => s.ms)), samples }
}

/** The seed courses COPIES times over, in a content folder of their own; each copy's lessons end with a line of their own. */
function writeCopiedContent() {
	const dir = mkdtempSync(path.join(tmpdir(), 'bench-lessons-'))
	cpSync(path.join(contentRoot, 'common-problems.yaml'), path.join(dir, 'common-problems.yaml'))
	for (const course of readdirSync(contentRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
		for (let copy = 1; copy <= COPIES; copy++) {
			const target = path.join(dir, `${course.name}-${copy}`)
			cpSync(path.join(contentRoot, course.name), target, { recursive: true })
			for (const file of readdirSync(target).filter((name) => name.endsWith('.mdx'))) {
				const source = readFileSync(path.join(target, file), 'utf8')
				writeFileSync(path.join(target, file), `${source.trimEnd()}\n\n本课时为第 ${copy} 套压测副本。\n`)
			}
		}
	}
	return dir
}

async function seed(db: Db, content: string) {
	const sync = await prepareCourseContent(db, { root: content })
	if (sync.errors.length) throw new Error(`content sync: ${JSON.stringify(sync.errors)}`)
	const lessons = await db.lesson.findMany({ where: { publishedVersionId: { not: null }, archivedAt: null }, select: { slug: true, course: { select: { slug: true } } } })
	const paths = lessons.map((lesson) => `/learn/courses/${lesson.course.slug}/${lesson.slug}`).sort()
	const unit = await db.unit.create({ data: { name: '压测单位', kind: 'department' } })
	const readers: { roleSet: string; cookie: string }[] = []
	for (const roleSet of ROLE_SETS) {
		for (let i = 0; i < roleSet.readers; i++) {
			const user = await db.user.create({
				data: { username: `lesson-${roleSet.label}-${i}`, name: `压测读者${roleSet.label}${i}`, unitId: unit.id, mustChangePassword: false, roles: { create: roleSet.roles.map((role) => ({ role })) } },
			})
			const { token } = await createSession(db, user.id)
			readers.push({ roleSet: roleSet.label, cookie: (await commitSessionCookie(token)).split(';')[0]! })
		}
	}
	return { paths, readers }
}

/** Lessons and readers interleaved, so consecutive requests are other lessons, other people, other role sets. */
function steadyRequests(paths: string[], readers: { cookie: string }[]) {
	const count = paths.length * readers.length
	const requests = []
	for (let i = 0; i < Math.min(count, RATE * SECONDS); i++) requests.push({ path: paths[i % paths.length]!, cookie: readers[(i * 7) % readers.length]!.cookie })
	return requests
}

/** One view of each lesson by one reader of each role set. */
function coldRequests(paths: string[], readers: { roleSet: string; cookie: string }[]) {
	return ROLE_SETS.flatMap((roleSet) => {
		const reader = readers.find((r) => r.roleSet === roleSet.label)!
		return paths.map((p) => ({ path: p, cookie: reader.cookie }))
	})
}

/** The smallest built file, for the baseline. */
function smallestAsset() {
	const dir = path.join(serverSnapshot(), 'build/client/assets')
	return readdirSync(dir).sort((a, b) => statSync(path.join(dir, a)).size - statSync(path.join(dir, b)).size)[0]!
}

function load(requests: { path: string; cookie: string }[], rate: number, seconds: number) {
	return runInOwnProcess<LoadResult>('bench/open-loop-worker.mjs', { origin: `http://127.0.0.1:${PORT}`, requests, rate, seconds })
}

async function runVariant({ provider, workers, label }: ServerVariant, content: string) {
	const database = await prepareBenchDatabase(provider, 'lesson')
	const db = createDb(database.url)
	let server: ChildProcess | null = null
	try {
		const { paths, readers } = await seed(db, content)
		const bundlesBefore = await db.compiledLessonBundle.count()
		server = await startBenchServer({ databaseUrl: database.url, port: PORT, workers, serverRoot: serverSnapshot() })
		const cold = coldRequests(paths, readers)
		const coldRun = await load(cold, COLD_RATE, cold.length / COLD_RATE)
		// The baseline, in the same run: the same server, rate and generator serving a small
		// built file (Express's static files, no Remix, no database), i.e. what this shared machine
		// gives any request at this moment.
		const baselineRun = await load([{ path: `/assets/${smallestAsset()}`, cookie: '' }], RATE, BASELINE_SECONDS)
		const steadyRun = await load(steadyRequests(paths, readers), RATE, SECONDS)
		const bundlesAdded = (await db.compiledLessonBundle.count()) - bundlesBefore
		const non200 = Object.entries(steadyRun.statuses).filter(([status]) => status !== '200').reduce((sum, [, n]) => sum + n, 0)
		console.log(
			`${label}：${paths.length} 个课时 × ${ROLE_SETS.length} 组角色；@${RATE}/s TTFB p50 ${steadyRun.ttfb.p50} ms，p99 ${steadyRun.ttfb.p99} ms（实际 ${steadyRun.achievedPerSecond}/s，非 200 ${non200}）；` +
				`同一服务器静态文件基线 p50 ${baselineRun.ttfb.p50} ms，p99 ${baselineRun.ttfb.p99} ms；重启后首次访问 p50 ${coldRun.ttfb.p50} ms，p99 ${coldRun.ttfb.p99} ms；负载新编译 ${bundlesAdded}；负载 ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
		)
		return { label, provider, serverProcesses: workers, lessons: paths.length, readers: readers.length, steady: steadyRun, staticFileBaseline: baselineRun, coldFirstViews: coldRun, bundlesAddedDuringLoad: bundlesAdded, non200 }
	} finally {
		if (server) await stopBenchServer(server)
		await db.$disconnect()
		await database.drop()
	}
}

const loadAverageAtStart = loadavg().map(round2)
const firstCompile = await measureFirstCompiles()
console.log(`首次编译：加载编译器 ${firstCompile.compilerLoadMs} ms；课时首次编译最长 ${firstCompile.maxMs} ms`)
const content = writeCopiedContent()
const runs: Awaited<ReturnType<typeof runVariant>>[] = []
try {
	for (const variant of await requestedServerVariants()) runs.push(await runVariant(variant, content))
} finally {
	rmSync(content, { recursive: true, force: true })
}
const metricsOf = (run: (typeof runs)[number]) => ({
	ttfb_p50_ms: run.steady.ttfb.p50 ?? NaN,
	ttfb_p99_ms: run.steady.ttfb.p99 ?? NaN,
	first_compile_ms: firstCompile.maxMs,
	cold_ttfb_p50_ms: run.coldFirstViews.ttfb.p50 ?? NaN,
	cold_ttfb_p99_ms: run.coldFirstViews.ttfb.p99 ?? NaN,
	compiler_load_ms: firstCompile.compilerLoadMs,
	static_baseline_ttfb_p50_ms: run.staticFileBaseline.ttfb.p50 ?? NaN,
	static_baseline_ttfb_p99_ms: run.staticFileBaseline.ttfb.p99 ?? NaN,
})
const primary = runs[0]
if (!primary) throw new Error('没有可测的数据库')
writeBenchResult('lesson', {
	metrics: metricsOf(primary),
	targets: TARGETS,
	parameters: {
		rate: RATE,
		seconds: SECONDS,
		lessons: primary.lessons,
		roleSets: ROLE_SETS.map(({ label, roles, readers }) => ({ label, roles, readers })),
		coldRate: COLD_RATE,
		ttfbIs: "the load generator's own: from sending the request to the response's status line",
		firstCompileIs: 'the slowest seed lesson compiled once with the compiler loaded (compiler_load_ms is the one-off load)',
		metricsAreOf: primary.label,
	},
	loadAverageAtStart,
	variants: runs.map((run) => ({ label: run.label, metrics: metricsOf(run) })),
	firstCompile,
	runs,
})
console.log('结果已写入 bench/results/lesson.json')
process.exit(runs.some((run) => run.bundlesAddedDuringLoad > 0 || run.non200 > 0) ? 1 : 0)
