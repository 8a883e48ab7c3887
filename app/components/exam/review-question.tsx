// One question in the review: the learner's answer beside the key, 解析 and references.
import type { ReviewQuestion } from '#app/exams/attempts/results.ts'
import type { AnswerValue } from '#app/exams/attempts/save-answer.server.ts'
import { QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { cn } from '#app/utils/misc.ts'

type Option = { key: string; label: string; text: string; seenAs?: string }

/** The learner's answer in the labels they saw. */
export function describeAnswer(type: string, answer: AnswerValue, options: Option[]) {
	if (answer === null) return '未作答'
	const label = (key: string) => options.find((o) => o.key === key)?.label ?? key
	if (type === 'single' && typeof answer === 'string') return label(answer)
	if (type === 'multiple' && Array.isArray(answer)) return answer.map(label).sort().join('')
	if (type === 'true_false') return answer === true ? '正确' : '错误'
	if (type === 'fill_blank' && Array.isArray(answer)) return answer.map((blank, i) => `第${i + 1}空：${blank || '（空）'}`).join('；')
	return String(answer)
}

export type RefLink = { ref: string; href: string | null; label: string }

export function ReviewQuestionCard({
	question,
	lessonLinks,
	problemLinks,
	showScore = true,
}: {
	showScore?: boolean
	question: Pick<ReviewQuestion, 'position' | 'type' | 'stem' | 'points' | 'options' | 'answer' | 'score' | 'isCorrect' | 'keyText' | 'explanation' | 'regulation' | 'comments'> &
		Partial<Pick<ReviewQuestion, 'withheld'>>
	lessonLinks: RefLink[]
	problemLinks: RefLink[]
}) {
	// A withheld question's mark would tell whether the learner's answer is its key.
	const scoreShown = showScore && !question.withheld
	const status = question.isCorrect === true ? '正确' : question.isCorrect === false ? (question.score ? '部分得分' : '错误') : '待评'
	return (
		<article className="rounded-lg border bg-white p-4" aria-labelledby={`review-${question.position}`}>
			<header className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
				<h3 id={`review-${question.position}`} className="font-semibold">
					{question.position}. <span className="text-sm font-normal text-gray-600">{QUESTION_TYPE_LABELS[question.type as QuestionType] ?? question.type}</span>
				</h3>
				{scoreShown ? (
					<span className={cn('rounded px-2 py-0.5 text-sm', question.isCorrect ? 'bg-green-50 text-green-800' : question.isCorrect === false ? 'bg-red-50 text-red-800' : 'bg-gray-100 text-gray-700')}>
						{status} · {question.score ?? '—'} / {question.points} 分
					</span>
				) : null}
			</header>
			<p className="whitespace-pre-wrap">{question.stem}</p>
			{question.options.some((option) => option.seenAs && option.seenAs !== option.label) ? (
				<p className="mt-2 text-xs text-gray-600">选项按题库顺序排列，与答案和解析中的字母一致；括号内是你作答时看到的字母。</p>
			) : null}
			{question.options.length ? (
				<ul className="mt-2 flex flex-col gap-1 text-sm">
					{question.options.map((option) => (
						<li key={option.key}>
							{option.label}. {option.text}
							{option.seenAs && option.seenAs !== option.label ? <span className="ml-1 text-gray-600">（作答时为 {option.seenAs} 项）</span> : null}
						</li>
					))}
				</ul>
			) : null}
			<dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[6rem_1fr]">
				<dt className="text-gray-600">你的答案</dt>
				<dd className="whitespace-pre-wrap">{describeAnswer(question.type, question.answer, question.options)}</dd>
				{question.withheld ? (
					<>
						<dt className="text-gray-600">答案与得分</dt>
						<dd className="text-amber-800">本题仍在进行中或即将开始的考试题库中，答案、解析与本题得分暂不公布，该考试复盘开放后可查看。</dd>
					</>
				) : null}
				{question.withheld ? null : (
					<>
						<dt className="text-gray-600">{question.type === 'short_answer' || question.type === 'case_analysis' ? '参考答案' : '正确答案'}</dt>
						<dd className="whitespace-pre-wrap font-medium">{question.keyText}</dd>
					</>
				)}
				{question.explanation ? (
					<>
						<dt className="text-gray-600">解析</dt>
						<dd className="whitespace-pre-wrap">{question.explanation}</dd>
					</>
				) : null}
				{question.regulation ? (
					<>
						<dt className="text-gray-600">法规依据</dt>
						<dd>{question.regulation}</dd>
					</>
				) : null}
				{question.comments.length ? (
					<>
						<dt className="text-gray-600">阅卷评语</dt>
						<dd className="whitespace-pre-wrap">{question.comments.join('\n')}</dd>
					</>
				) : null}
				{lessonLinks.length || problemLinks.length ? (
					<>
						<dt className="text-gray-600">延伸学习</dt>
						<dd className="flex flex-wrap gap-2">
							{[...lessonLinks, ...problemLinks].map((link) =>
								link.href ? (
									<a key={link.href} href={link.href} className="text-brand-700 hover:underline">
										{link.label}
									</a>
								) : (
									<span key={link.ref}>{link.label}</span>
								),
							)}
						</dd>
					</>
				) : null}
			</dl>
		</article>
	)
}
