// Answers a simulated candidate gives, right or wrong on purpose: for the demo season's
// graded attempts and for tests that need real grading to produce real marks.
import type { QuestionContent } from '#app/exams/bank/question-types.ts'
import type { AnswerValue } from './save-answer.server.ts'

export function simulatedAnswer(content: QuestionContent, right: boolean): AnswerValue {
	switch (content.type) {
		case 'single': {
			if (right) return content.answerKey
			return content.options.find((o) => o.key !== content.answerKey)?.key ?? null
		}
		case 'multiple': {
			if (right) return content.answerKey
			const wrong = content.options.find((o) => !content.answerKey.includes(o.key))
			return wrong ? [wrong.key] : content.answerKey.slice(0, 1)
		}
		case 'true_false':
			return right ? content.answerKey : !content.answerKey
		case 'fill_blank':
			return content.answerKey.map((alternatives) => (right ? alternatives[0]! : '不确定'))
		default:
			return right ? `${content.answerKey}` : '要点记不清了，只记得需要核对相关资料。'
	}
}
