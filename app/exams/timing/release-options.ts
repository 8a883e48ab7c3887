// The choices of a round's result release (成绩公布, ADR 039), shared by the admin form (client)
// and the release rule (app/exams/attempts/result-release.ts). Pure, no database.
import { z } from 'zod'

export const RELEASE_TIMINGS = ['immediately', 'after_close', 'with_review'] as const
export type ReleaseTiming = (typeof RELEASE_TIMINGS)[number]
export const ReleaseTimingSchema = z.enum(RELEASE_TIMINGS)

/** 技能比武 rounds: results once nobody can still be answering, so a score is no oracle for those still sitting. */
export const DEFAULT_RELEASE: { scoreRelease: ReleaseTiming; marksRelease: ReleaseTiming } = { scoreRelease: 'after_close', marksRelease: 'after_close' }

export const RELEASE_LABELS: Record<ReleaseTiming, string> = {
	immediately: '交卷后立即公布',
	after_close: '考试结束后公布（所有考生交卷后）',
	with_review: '复盘开放时公布',
}

export function isEarlier(a: ReleaseTiming, b: ReleaseTiming) {
	return RELEASE_TIMINGS.indexOf(a) < RELEASE_TIMINGS.indexOf(b)
}
