// Search in Chinese over published courses, lessons and 共性问题. The index is derived data:
// `reconcileSearchIndex` brings it in line with the database (cheap when nothing changed),
// and is called after every publish, sync or status change and at start. Matching is the
// provider's (search-store.server.ts); ranking and highlighting are shared here.
import type { Db } from '#app/utils/db-client.server.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { sha256 } from '../mdx/check-lesson.server.ts'
import { checkLessonSource } from '../mdx/lesson-workers.server.ts'
import { SEARCH_KINDS, type SearchKind, type Segment } from './search-kinds.ts'
import { type SearchEntry, searchStoreFor } from './search-store.server.ts'

export type SearchHit = {
	kind: SearchKind
	refId: string
	title: Segment[]
	snippet: Segment[]
	score: number
	href: string
	/** The course a lesson belongs to, or the problem's category. */
	context: string
}

export const MAX_TERMS = 5
const MAX_TERM_LENGTH = 50
const CANDIDATE_LIMIT = 200

type ExpectedEntry = { kind: SearchKind; refId: string; hash: string; build: () => Promise<{ title: string; body: string } | null> }

async function expectedEntries(db: Db): Promise<ExpectedEntry[]> {
	const [courses, lessons, problems] = await Promise.all([
		db.course.findMany({
			where: { status: 'published' },
			select: { id: true, title: true, summary: true, lecturers: { select: { lecturer: { select: { name: true } } } } },
		}),
		db.lesson.findMany({
			where: { archivedAt: null, publishedVersionId: { not: null }, course: { status: 'published' } },
			select: { id: true, publishedVersionId: true },
		}),
		db.commonProblem.findMany({
			select: { id: true, code: true, title: true, category: true, description: true, typicalEvidence: true, regulationBasis: true, recommendedHandling: true },
		}),
	])
	const fixed = (kind: SearchKind, refId: string, title: string, body: string): ExpectedEntry => ({
		kind,
		refId,
		hash: sha256(`${title}\u0000${body}`),
		build: async () => ({ title, body }),
	})
	return [
		...courses.map((course) => fixed('course', course.id, course.title, [course.summary, ...course.lecturers.map((l) => l.lecturer.name)].join('\n'))),
		...problems.map((problem) =>
			fixed(
				'problem',
				problem.id,
				`${problem.code} ${problem.title}`,
				[problem.category, problem.description, problem.typicalEvidence, problem.regulationBasis, problem.recommendedHandling].join('\n'),
			),
		),
		...lessons.map((lesson) => ({
			kind: 'lesson' as const,
			refId: lesson.id,
			hash: lesson.publishedVersionId!,
			build: async () => {
				const version = await db.lessonVersion.findUnique({ where: { id: lesson.publishedVersionId! }, select: { source: true } })
				const checked = version && (await checkLessonSource(version.source))
				if (!checked?.ok) return null
				const { frontmatter, plainText } = checked.lesson
				return { title: frontmatter.title, body: [frontmatter.summary, frontmatter.tags.join(' '), plainText].join('\n') }
			},
		})),
	]
}

/** Makes the index hold exactly the searchable content of the database. */
export async function reconcileSearchIndex(db: Db) {
	const store = await searchStoreFor(db)
	const [expected, indexed] = await Promise.all([expectedEntries(db), store.listKeys()])
	const indexedHash = new Map(indexed.map((entry) => [`${entry.kind}:${entry.refId}`, entry.hash]))
	const expectedKeys = new Set(expected.map((entry) => `${entry.kind}:${entry.refId}`))
	const changed: SearchEntry[] = []
	for (const entry of expected) {
		if (indexedHash.get(`${entry.kind}:${entry.refId}`) === entry.hash) continue
		const content = await entry.build()
		if (content) changed.push({ kind: entry.kind, refId: entry.refId, hash: entry.hash, ...content })
	}
	const gone = indexed.filter((entry) => !expectedKeys.has(`${entry.kind}:${entry.refId}`))
	if (changed.length) await store.upsert(changed)
	if (gone.length) await store.remove(gone)
	return { updated: changed.length, removed: gone.length }
}

/**
 * For callers that just committed a change: the change stands even if the index lags, and
 * the next reconcile (at start, sync or publish) catches up, so a failure is logged only.
 */
export async function reconcileSearchIndexQuietly(db: Db) {
	try {
		await reconcileSearchIndex(db)
	} catch (error) {
		console.error('搜索索引更新失败，将在下次同步或启动时补上：', error)
	}
}

export function searchTerms(query: string) {
	const terms = query
		.split(/\s+/)
		.map((term) => term.trim().slice(0, MAX_TERM_LENGTH))
		.filter(Boolean)
	return [...new Set(terms)].slice(0, MAX_TERMS)
}

function escapeRegExp(text: string) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function termPattern(terms: string[]) {
	return new RegExp([...terms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'gi')
}

/** Splits text into plain and matching segments; the UI wraps matches in <mark>. */
export function highlight(text: string, terms: string[]): Segment[] {
	if (!terms.length || !text) return text ? [{ text, match: false }] : []
	const segments: Segment[] = []
	let last = 0
	for (const match of text.matchAll(termPattern(terms))) {
		if (match.index > last) segments.push({ text: text.slice(last, match.index), match: false })
		segments.push({ text: match[0], match: true })
		last = match.index + match[0].length
	}
	if (last < text.length) segments.push({ text: text.slice(last), match: false })
	return segments
}

/** About `radius` characters either side of the first match, cut at the ends with …. */
export function snippet(text: string, terms: string[], radius = 40): Segment[] {
	const flat = text.replace(/\s+/g, ' ').trim()
	const first = flat.search(termPattern(terms))
	if (first < 0) return highlight(flat.slice(0, radius * 2) + (flat.length > radius * 2 ? '…' : ''), terms)
	const start = Math.max(0, first - radius)
	const end = Math.min(flat.length, first + radius * 2)
	return highlight(`${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`, terms)
}

function countMatches(text: string, pattern: RegExp) {
	return text.match(pattern)?.length ?? 0
}

function score(entry: SearchEntry, terms: string[]) {
	let total = 0
	for (const term of terms) {
		const pattern = new RegExp(escapeRegExp(term), 'gi')
		total += 10 * countMatches(entry.title, pattern) + Math.min(countMatches(entry.body, pattern), 10)
	}
	return total
}

async function linksFor(db: Db, entries: SearchEntry[]) {
	const ids = (kind: SearchKind) => entries.filter((entry) => entry.kind === kind).map((entry) => entry.refId)
	const [courses, lessons, problems] = await Promise.all([
		db.course.findMany({ where: { id: { in: ids('course') } }, select: { id: true, slug: true, title: true, topic: true } }),
		db.lesson.findMany({ where: { id: { in: ids('lesson') } }, select: { id: true, slug: true, course: { select: { slug: true, title: true } } } }),
		db.commonProblem.findMany({ where: { id: { in: ids('problem') } }, select: { id: true, code: true, category: true } }),
	])
	const links = new Map<string, { href: string; context: string }>()
	// A course is placed by its 专题 (the kind label already says 课程).
	for (const course of courses) links.set(`course:${course.id}`, { href: `/learn/courses/${course.slug}`, context: `${TOPIC_LABELS[course.topic as Topic] ?? course.topic}专题` })
	for (const lesson of lessons) links.set(`lesson:${lesson.id}`, { href: `/learn/courses/${lesson.course.slug}/${lesson.slug}`, context: lesson.course.title })
	for (const problem of problems) links.set(`problem:${problem.id}`, { href: `/problems/${problem.code}`, context: problem.category })
	return links
}

export async function searchLibrary(
	db: Db,
	query: string,
	{ kinds = SEARCH_KINDS, limit = 30 }: { kinds?: readonly SearchKind[]; limit?: number } = {},
): Promise<{ terms: string[]; hits: SearchHit[] }> {
	const terms = searchTerms(query)
	if (!terms.length) return { terms, hits: [] }
	const store = await searchStoreFor(db)
	const candidates = await store.match(terms, kinds, CANDIDATE_LIMIT)
	const ranked = candidates
		.map((entry) => ({ entry, score: score(entry, terms) }))
		.sort((a, b) => b.score - a.score || a.entry.title.localeCompare(b.entry.title, 'zh-CN'))
		.slice(0, limit)
	const links = await linksFor(
		db,
		ranked.map((r) => r.entry),
	)
	const hits: SearchHit[] = []
	for (const { entry, score: entryScore } of ranked) {
		const link = links.get(`${entry.kind}:${entry.refId}`)
		// An entry whose row vanished since the last reconcile is skipped, not shown broken.
		if (!link) continue
		hits.push({ kind: entry.kind, refId: entry.refId, title: highlight(entry.title, terms), snippet: snippet(entry.body, terms), score: entryScore, ...link })
	}
	return { terms, hits }
}
