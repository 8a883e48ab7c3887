// 共性问题清单: problems audits keep finding, kept in git (content/courses/common-problems.yaml)
// and synced by code, browsable, searchable, printable and exported to .xlsx.
import { z } from 'zod'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { writeXlsx } from '#app/utils/xlsx.server.ts'
import { PROBLEM_CODE_PATTERN } from './mdx/allow-list.ts'
import { sha256 } from './mdx/check-lesson.server.ts'
import { TopicInputSchema } from './vocabulary.ts'
import { type Topic, TOPIC_LABELS } from '#app/utils/topics.ts'

const text = (label: string, max: number) =>
	z
		.string({ error: `缺少${label}` })
		.trim()
		.min(1, `缺少${label}`)
		.max(max, `${label}不能超过 ${max} 个字符`)

export const CommonProblemEntrySchema = z.strictObject(
	{
		code: z.string({ error: '缺少编号 code' }).regex(PROBLEM_CODE_PATTERN, '编号须为大写字母-数字，如 CZ-001'),
		title: text('标题 title', 100),
		topic: TopicInputSchema,
		category: text('类别 category', 50),
		description: text('问题描述 description', 2000),
		typicalEvidence: text('典型表现与证据 typicalEvidence', 2000),
		regulationBasis: text('定性依据 regulationBasis', 2000),
		recommendedHandling: text('处理建议 recommendedHandling', 2000),
	},
	{ error: (issue) => (issue.code === 'unrecognized_keys' ? `共性问题不支持字段 ${issue.keys.join('、')}` : '每条共性问题须为键值') },
)
export type CommonProblemEntry = z.infer<typeof CommonProblemEntrySchema>

export const CommonProblemFileSchema = z
	.array(CommonProblemEntrySchema, { error: '共性问题文件须为列表' })
	.superRefine((entries, ctx) => {
		const seen = new Set<string>()
		for (const [index, entry] of entries.entries()) {
			if (seen.has(entry.code)) ctx.addIssue({ code: 'custom', path: [index, 'code'], message: `编号 ${entry.code} 重复` })
			seen.add(entry.code)
		}
	})

function entryHash(entry: CommonProblemEntry, sortOrder: number) {
	return sha256(JSON.stringify([entry, sortOrder]))
}

/** Makes the table match the file: changed entries rewritten, missing ones removed. */
export async function syncCommonProblems(tx: DbOrTx, entries: CommonProblemEntry[]) {
	const existing = await tx.commonProblem.findMany({ select: { id: true, code: true, sourceHash: true } })
	const byCode = new Map(existing.map((problem) => [problem.code, problem]))
	const counts = { created: 0, updated: 0, unchanged: 0, removed: 0 }
	for (const [sortOrder, entry] of entries.entries()) {
		const sourceHash = entryHash(entry, sortOrder)
		const current = byCode.get(entry.code)
		if (current?.sourceHash === sourceHash) {
			counts.unchanged += 1
			continue
		}
		const data = { ...entry, sortOrder, sourceHash }
		if (current) {
			await tx.commonProblem.update({ where: { id: current.id }, data })
			counts.updated += 1
		} else {
			await tx.commonProblem.create({ data })
			counts.created += 1
		}
	}
	const inFile = new Set(entries.map((entry) => entry.code))
	const removed = existing.filter((problem) => !inFile.has(problem.code)).map((problem) => problem.id)
	if (removed.length) counts.removed = (await tx.commonProblem.deleteMany({ where: { id: { in: removed } } })).count
	return counts
}

const PROBLEM_FIELDS = {
	id: true,
	code: true,
	title: true,
	topic: true,
	category: true,
	description: true,
	typicalEvidence: true,
	regulationBasis: true,
	recommendedHandling: true,
} as const

export type ProblemFilter = { topic?: Topic; category?: string }

export function listProblems(db: DbOrTx, { topic, category }: ProblemFilter = {}) {
	return db.commonProblem.findMany({ where: { topic, category }, orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }], select: PROBLEM_FIELDS })
}

export function getProblem(db: DbOrTx, code: string) {
	return db.commonProblem.findUnique({ where: { code }, select: PROBLEM_FIELDS })
}

/** Published lessons whose <ProblemCard>s show this problem, for its page. */
export async function lessonsCitingProblem(db: DbOrTx, code: string) {
	const lessons = await db.lesson.findMany({
		where: { archivedAt: null, course: { status: 'published' }, publishedVersion: { problemCodes: { contains: JSON.stringify(code) } } },
		orderBy: [{ course: { sortOrder: 'asc' } }, { position: 'asc' }],
		select: { slug: true, course: { select: { slug: true, title: true } }, publishedVersion: { select: { title: true } } },
	})
	return lessons.map((lesson) => ({ href: `/learn/courses/${lesson.course.slug}/${lesson.slug}`, title: lesson.publishedVersion!.title, courseTitle: lesson.course.title }))
}

export async function problemCategories(db: DbOrTx) {
	const rows = await db.commonProblem.findMany({ distinct: ['category'], orderBy: { category: 'asc' }, select: { category: true } })
	return rows.map((row) => row.category)
}

export type ProblemCardData = { code: string; title: string; category: string; description: string; recommendedHandling: string; regulationBasis: string }

export function problemCardsFor(db: DbOrTx, codes: string[]): Promise<ProblemCardData[]> {
	if (!codes.length) return Promise.resolve([])
	return db.commonProblem.findMany({
		where: { code: { in: codes } },
		select: { code: true, title: true, category: true, description: true, recommendedHandling: true, regulationBasis: true },
	})
}

export async function exportProblemsXlsx(db: DbOrTx, filter: ProblemFilter = {}) {
	const problems = await listProblems(db, filter)
	return writeXlsx([
		{
			name: '共性问题清单',
			columns: [
				{ header: '编号', width: 10 },
				{ header: '专题', width: 10 },
				{ header: '类别', width: 16 },
				{ header: '问题', width: 30, text: true },
				{ header: '问题描述', width: 50, text: true },
				{ header: '典型表现与证据', width: 50, text: true },
				{ header: '定性依据', width: 50, text: true },
				{ header: '处理建议', width: 50, text: true },
			],
			rows: problems.map((problem) => [
				problem.code,
				TOPIC_LABELS[problem.topic as Topic] ?? problem.topic,
				problem.category,
				problem.title,
				problem.description,
				problem.typicalEvidence,
				problem.regulationBasis,
				problem.recommendedHandling,
			]),
		},
	])
}
