// Sections of a paper as the test page heads them. Isomorphic and data-free.
import { QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'

export type PaperSection<Q> = { title: string; questions: Q[] }

/**
 * Consecutive questions of one 专题 and one type form a section (draw rules lay a paper out
 * that way). A paper drawn from one 专题 is headed by type alone ("单选题"); a 综合 paper,
 * drawn from several, names the 专题 too ("财政 · 单选题"), or the same heading would
 * repeat once for each 专题.
 */
export function paperSections<Q extends { type: string; topic: string }>(questions: readonly Q[]): PaperSection<Q>[] {
	const byTopic = new Set(questions.map((question) => question.topic)).size > 1
	const groups: { topic: string; type: string; questions: Q[] }[] = []
	for (const question of questions) {
		const last = groups.at(-1)
		if (last && last.type === question.type && last.topic === question.topic) last.questions.push(question)
		else groups.push({ topic: question.topic, type: question.type, questions: [question] })
	}
	return groups.map((group) => {
		const typeTitle = `${QUESTION_TYPE_LABELS[group.type as QuestionType] ?? group.type}题`
		const topicLabel = TOPIC_LABELS[group.topic as Topic] ?? group.topic
		return { title: byTopic ? `${topicLabel} · ${typeTitle}` : typeTitle, questions: group.questions }
	})
}
