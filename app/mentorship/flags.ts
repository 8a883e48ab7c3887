// Attention flags (ADR 052): why a mentor should look at an apprentice now, each stated in
// words. Pure: the facts are gathered by attention.ts; the rules and the order live here so
// they are tested without a database.
import { chinaDayOf, chinaMonthOf, daysBetween, monthLabel } from './dates.ts'

export const NO_STUDY_DAYS = 14
/** A drop of this many percentage points between the last two tests counts as falling. */
export const FALLING_SCORE_POINTS = 5

export type FlagCode = 'overdue' | 'no_check_in' | 'falling_scores' | 'no_study' | 'term_due'

export type AttentionFlag = { code: FlagCode; text: string }

/** How much each reason weighs when ordering the desk: work not done first, then the rest. */
const WEIGHT: Record<FlagCode, number> = { overdue: 4, falling_scores: 3, no_study: 3, term_due: 2, no_check_in: 1 }

export type AttentionFacts = {
	now: Date
	/** active pairings only are flagged */
	active: boolean
	endsOn: Date
	overdueAssignments: { title: string; dueAt: Date }[]
	/** months (YYYY-MM) that have a check-in */
	checkInMonths: readonly string[]
	/** released test scores, oldest first, as percentages */
	scores: { title: string; percent: number }[]
	lastStudyAt: Date | null
	/** a signed-off term no longer needs attention */
	signedOff: boolean
}

export function attentionFlags(facts: AttentionFacts): AttentionFlag[] {
	if (!facts.active || facts.signedOff) return []
	const flags: AttentionFlag[] = []
	const overdue = facts.overdueAssignments
	if (overdue.length) {
		const first = [...overdue].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0]!
		flags.push({
			code: 'overdue',
			text: overdue.length === 1 ? `指定学习“${first.title}”已逾期（截止 ${chinaDayOf(first.dueAt)}）` : `${overdue.length} 项指定学习已逾期，最早的“${first.title}”截止于 ${chinaDayOf(first.dueAt)}`,
		})
	}
	const [previous, latest] = facts.scores.slice(-2)
	if (previous && latest && previous.percent - latest.percent >= FALLING_SCORE_POINTS) {
		flags.push({
			code: 'falling_scores',
			text: `比武成绩下滑：“${latest.title}”得分率 ${Math.round(latest.percent)}%，低于上一次“${previous.title}”的 ${Math.round(previous.percent)}%`,
		})
	}
	if (!facts.lastStudyAt) {
		flags.push({ code: 'no_study', text: '还没有任何学习记录（课程或练习）' })
	} else {
		const idle = daysBetween(facts.lastStudyAt, facts.now)
		if (idle >= NO_STUDY_DAYS) flags.push({ code: 'no_study', text: `已 ${idle} 天没有学习（最近一次在 ${chinaDayOf(facts.lastStudyAt)}）` })
	}
	if (facts.endsOn <= facts.now) {
		flags.push({ code: 'term_due', text: `结对期已于 ${chinaDayOf(facts.endsOn)} 届满，尚未完成结业评价` })
	}
	const month = chinaMonthOf(facts.now)
	if (!facts.checkInMonths.includes(month)) {
		flags.push({ code: 'no_check_in', text: `本月（${monthLabel(month)}）还没有每月一学记录` })
	}
	return flags
}

export function attentionScore(flags: readonly AttentionFlag[]) {
	return flags.reduce((sum, flag) => sum + WEIGHT[flag.code], 0)
}

/** Most weight first; equal weight by name (pinyin order), so the desk is stable. */
export function byAttention<T extends { flags: readonly AttentionFlag[]; name: string }>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => attentionScore(b.flags) - attentionScore(a.flags) || a.name.localeCompare(b.name, 'zh-Hans-CN'))
}
