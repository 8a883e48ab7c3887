// Bank search: filters on the denormalised Question columns and on the current version,
// in queries both providers run (no provider full-text search needed at bank sizes).
import { z } from 'zod'
import type { Prisma } from '#app/generated/prisma/sqlite/client.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { isFlaggedForReview, QuestionStatusSchema, QuestionTypeSchema, type QuestionStatus, type QuestionType } from './question-types.ts'
import { TopicSchema, type Topic } from '#app/utils/topics.ts'

const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value)

export const QuestionFilterSchema = z.object({
	topic: z.preprocess(emptyToUndefined, TopicSchema.optional()),
	type: z.preprocess(emptyToUndefined, QuestionTypeSchema.optional()),
	difficulty: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(5).optional()),
	status: z.preprocess(emptyToUndefined, QuestionStatusSchema.optional()),
	tag: z.preprocess(emptyToUndefined, z.string().trim().max(30).optional()),
	q: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
	flagged: z.preprocess((v) => v === '1' || v === 'true' || v === true, z.boolean()).default(false),
	page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
	pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(20)),
})
export type QuestionFilter = z.infer<typeof QuestionFilterSchema>

/** Reads filters from a URL; values that do not parse are dropped rather than failing the page. */
export function parseQuestionFilter(searchParams: URLSearchParams): QuestionFilter {
	const raw = Object.fromEntries(searchParams)
	const parsed = QuestionFilterSchema.safeParse(raw)
	if (parsed.success) return parsed.data
	const cleaned = { ...raw }
	for (const issue of parsed.error.issues) delete cleaned[String(issue.path[0])]
	return QuestionFilterSchema.parse(cleaned)
}

export function questionWhere(filter: Omit<QuestionFilter, 'page' | 'pageSize'>, now = new Date()): Prisma.QuestionWhereInput {
	const version: Prisma.QuestionVersionWhereInput = {}
	if (filter.q) version.stem = { contains: filter.q }
	if (filter.tag) version.tags = { contains: JSON.stringify(filter.tag) }
	if (filter.flagged) version.regulationExpiresAt = { lte: now }
	return {
		topic: filter.topic,
		type: filter.type,
		difficulty: filter.difficulty,
		status: filter.status,
		...(Object.keys(version).length ? { currentVersion: version } : {}),
	}
}

export type QuestionListItem = {
	id: string
	status: QuestionStatus
	topic: Topic
	type: QuestionType
	difficulty: number
	points: number
	stem: string
	tags: string[]
	versionNo: number
	regulationName: string | null
	flagged: boolean
	updatedAt: Date
}

export async function listQuestions(db: DbOrTx, filter: QuestionFilter, now = new Date()) {
	const where = questionWhere(filter, now)
	const [total, rows] = await Promise.all([
		db.question.count({ where }),
		db.question.findMany({
			where,
			orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
			skip: (filter.page - 1) * filter.pageSize,
			take: filter.pageSize,
			select: {
				id: true,
				status: true,
				topic: true,
				type: true,
				difficulty: true,
				updatedAt: true,
				currentVersion: {
					select: { version: true, points: true, stem: true, tags: true, regulationName: true, regulationExpiresAt: true },
				},
			},
		}),
	])
	const items: QuestionListItem[] = rows.flatMap((row) => {
		const version = row.currentVersion
		if (!version) return []
		return [
			{
				id: row.id,
				status: row.status as QuestionStatus,
				topic: row.topic as Topic,
				type: row.type as QuestionType,
				difficulty: row.difficulty,
				points: version.points,
				stem: version.stem.length > 160 ? `${version.stem.slice(0, 160)}…` : version.stem,
				tags: z.array(z.string()).parse(JSON.parse(version.tags)),
				versionNo: version.version,
				regulationName: version.regulationName,
				flagged: isFlaggedForReview(version.regulationExpiresAt, now),
				updatedAt: row.updatedAt,
			},
		]
	})
	return { items, total, page: filter.page, pageSize: filter.pageSize, pageCount: Math.max(1, Math.ceil(total / filter.pageSize)) }
}

/** Distinct tags in use, for the filter's suggestions. */
export async function listBankTags(db: DbOrTx) {
	const rows = await db.questionVersion.findMany({ where: { currentOf: { isNot: null } }, select: { tags: true } })
	const tags = new Set<string>()
	for (const row of rows) for (const tag of z.array(z.string()).parse(JSON.parse(row.tags))) tags.add(tag)
	return [...tags].sort((a, b) => a.localeCompare(b, 'zh-CN'))
}
