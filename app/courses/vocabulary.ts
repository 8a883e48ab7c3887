// Words the course library shares with the UI: the 四进 audiences, course origins and
// statuses, and input schemas for topics (app/utils/topics.ts). Isomorphic and data-free.
import { z } from 'zod'
import { UNIT_KIND_LABELS, type UnitKind } from '#app/admin/unit-kinds.ts'
import { TOPIC_LABELS, TOPICS } from '#app/utils/topics.ts'

/** The 四进 audiences are the unit kinds lectures go to, with the same names. */
export const AUDIENCES = ['department', 'subdistrict', 'soe', 'community'] as const satisfies readonly UnitKind[]
export type Audience = (typeof AUDIENCES)[number]
export const AUDIENCE_LABELS = Object.fromEntries(AUDIENCES.map((audience) => [audience, UNIT_KIND_LABELS[audience]])) as Record<Audience, string>

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const
export type CourseStatus = (typeof COURSE_STATUSES)[number]
export const COURSE_STATUS_LABELS: Record<CourseStatus, string> = { draft: '草稿', published: '已发布', archived: '已下架' }

export type CourseOrigin = 'git' | 'browser'

/** Accepts the code (`fiscal`) or the Chinese label (`财政`), as course files may use either. */
function codeOrLabel<T extends string>(codes: readonly T[], labels: Record<T, string>, message: string) {
	const byLabel = new Map<string, T>(codes.map((code) => [labels[code], code]))
	return z
		.string({ error: message })
		.transform((value, ctx) => {
			const trimmed = value.trim()
			const code = (codes as readonly string[]).includes(trimmed) ? (trimmed as T) : byLabel.get(trimmed)
			if (!code) {
				ctx.addIssue({ code: 'custom', message })
				return z.NEVER
			}
			return code
		})
}

export const TopicInputSchema = codeOrLabel(TOPICS, TOPIC_LABELS, `专题只能是：${TOPICS.map((t) => TOPIC_LABELS[t]).join('、')}`)
export const AudienceInputSchema = codeOrLabel(
	AUDIENCES,
	AUDIENCE_LABELS,
	`受众只能是：${AUDIENCES.map((a) => AUDIENCE_LABELS[a]).join('、')}`,
)
