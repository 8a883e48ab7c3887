// QuestionVersion rows ⇄ validated question content. JSON columns are parsed with zod on the
// way out, so a malformed row fails loudly here instead of reaching grading or a page.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { QuestionVersion } from '#app/generated/prisma/sqlite/client.ts'
import { BLANK_MARKER, QuestionContentSchema, type QuestionContent, type QuestionContentInput } from './question-types.ts'

const StringListSchema = z.array(z.string())

/** Folds width, case, whitespace and blank-marker style so near-identical stems collide. */
export function normaliseStem(stem: string) {
	return stem.normalize('NFKC').replace(BLANK_MARKER, '□').replace(/\s+/g, '').toLowerCase()
}

/** Hash of the normalised stem: fixed length, so long case stems stay within index limits. */
export function stemKeyOf(stem: string) {
	return createHash('sha256').update(normaliseStem(stem)).digest('hex')
}

export type VersionContentColumns = Pick<
	QuestionVersion,
	| 'type'
	| 'topic'
	| 'difficulty'
	| 'points'
	| 'stem'
	| 'options'
	| 'answerKey'
	| 'rubric'
	| 'explanation'
	| 'tags'
	| 'regulationName'
	| 'regulationArticle'
	| 'regulationEffectiveFrom'
	| 'regulationExpiresAt'
	| 'lessonRefs'
	| 'problemRefs'
>

export const VERSION_CONTENT_SELECT = {
	type: true,
	topic: true,
	difficulty: true,
	points: true,
	stem: true,
	options: true,
	answerKey: true,
	rubric: true,
	explanation: true,
	tags: true,
	regulationName: true,
	regulationArticle: true,
	regulationEffectiveFrom: true,
	regulationExpiresAt: true,
	lessonRefs: true,
	problemRefs: true,
} as const satisfies Record<keyof VersionContentColumns, true>

export function contentToColumns(content: QuestionContent): VersionContentColumns {
	return {
		type: content.type,
		topic: content.topic,
		difficulty: content.difficulty,
		points: content.points,
		stem: content.stem,
		options: JSON.stringify(content.options),
		answerKey: JSON.stringify(content.answerKey),
		rubric: content.rubric ?? null,
		explanation: content.explanation || null,
		tags: JSON.stringify(content.tags),
		regulationName: content.regulation?.name ?? null,
		regulationArticle: content.regulation?.article || null,
		regulationEffectiveFrom: content.regulation?.effectiveFrom ?? null,
		regulationExpiresAt: content.regulation?.expiresAt ?? null,
		lessonRefs: JSON.stringify(content.lessonRefs),
		problemRefs: JSON.stringify(content.problemRefs),
	}
}

export function columnsToContent(row: VersionContentColumns): QuestionContent {
	const input = {
		type: row.type,
		topic: row.topic,
		difficulty: row.difficulty,
		points: row.points,
		stem: row.stem,
		options: JSON.parse(row.options) as unknown,
		answerKey: JSON.parse(row.answerKey) as unknown,
		rubric: row.rubric,
		explanation: row.explanation ?? '',
		tags: StringListSchema.parse(JSON.parse(row.tags)),
		regulation: row.regulationName
			? {
					name: row.regulationName,
					article: row.regulationArticle ?? '',
					effectiveFrom: row.regulationEffectiveFrom,
					expiresAt: row.regulationExpiresAt,
				}
			: null,
		lessonRefs: StringListSchema.parse(JSON.parse(row.lessonRefs)),
		problemRefs: StringListSchema.parse(JSON.parse(row.problemRefs)),
	} as QuestionContentInput
	return QuestionContentSchema.parse(input)
}

/** Field-by-field comparison of two contents (used to skip no-op edits). */
export function sameContent(a: QuestionContent, b: QuestionContent) {
	return JSON.stringify(contentToColumns(a)) === JSON.stringify(contentToColumns(b))
}
