// One question of a paper as the learner answers it. Native radios, checkboxes and text
// fields, so the keyboard works as everywhere else (Tab, arrows, Space).
import type { AnswerValue } from '#app/exams/attempts/save-answer.server.ts'
import type { PaperOption, PaperQuestion, SittingOption } from '#app/exams/attempts/learner-paper.ts'
import { QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { cn } from '#app/utils/misc.ts'

/**
 * An option as an input names it: a paper being sat sends opaque per-attempt ids (ADR 037),
 * never the bank's key letter; practice, whose keys are already public, sends the key.
 */
export type InputOption = SittingOption | PaperOption

export function optionValue(option: InputOption) {
	return 'id' in option ? option.id : option.key
}

/** What answering needs of a paper question: not the saved answer or its sequence number. */
export type QuestionForInput = Pick<PaperQuestion, 'position' | 'type' | 'stem' | 'points' | 'blankCount'> & { options: readonly InputOption[] }

/** Choices save almost at once; typing waits for a pause. */
export const DEBOUNCE_MS = { choice: 150, text: 800 } as const

type Props = {
	question: QuestionForInput
	value: AnswerValue
	disabled: boolean
	onChange: (value: AnswerValue, debounceMs: number) => void
}

export function isAnswered(value: AnswerValue) {
	if (value === null) return false
	if (typeof value === 'string') return value.trim() !== ''
	if (Array.isArray(value)) return value.some((v) => v.trim() !== '')
	return true
}

export function QuestionInput({ question, value, disabled, onChange }: Props) {
	const name = `q${question.position}`
	const typeLabel = QUESTION_TYPE_LABELS[question.type as QuestionType] ?? question.type
	return (
		<fieldset className="min-w-0" disabled={disabled}>
			<legend className="mb-3 w-full">
				{question.position > 0 ? <span className="mr-2 font-semibold">{question.position}.</span> : null}
				<span className="mr-2 rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700">
					{typeLabel}
					{question.points > 0 ? ` · ${question.points} 分` : ''}
				</span>
				<span className="whitespace-pre-wrap break-words">{question.stem}</span>
			</legend>
			{question.type === 'single' ? (
				<div className="flex flex-col gap-2">
					{question.options.map((option) => (
						<ChoiceRow
							key={optionValue(option)}
							type="radio"
							name={name}
							option={option}
							checked={value === optionValue(option)}
							onChange={() => onChange(optionValue(option), DEBOUNCE_MS.choice)}
						/>
					))}
					{value !== null ? (
						<button type="button" className="min-h-11 self-start text-sm text-gray-600 underline" onClick={() => onChange(null, DEBOUNCE_MS.choice)}>
							清除本题答案
						</button>
					) : null}
				</div>
			) : question.type === 'multiple' ? (
				<div className="flex flex-col gap-2">
					{question.options.map((option) => {
						const chosen = Array.isArray(value) ? value : []
						return (
							<ChoiceRow
								key={optionValue(option)}
								type="checkbox"
								name={name}
								option={option}
								checked={chosen.includes(optionValue(option))}
								onChange={(checked) => {
									const next = question.options.map(optionValue).filter((id) => (id === optionValue(option) ? checked : chosen.includes(id)))
									onChange(next.length ? next : null, DEBOUNCE_MS.choice)
								}}
							/>
						)
					})}
				</div>
			) : question.type === 'true_false' ? (
				<div className="flex flex-wrap gap-3">
					{[
						{ label: '正确', answer: true },
						{ label: '错误', answer: false },
					].map((choice) => (
						<label key={choice.label} className={cn('flex min-h-11 cursor-pointer items-center gap-2 rounded border px-4 py-2', value === choice.answer ? 'border-brand-600 bg-brand-50' : 'border-gray-300 bg-white')}>
							<input type="radio" name={name} className="h-4 w-4" checked={value === choice.answer} onChange={() => onChange(choice.answer, DEBOUNCE_MS.choice)} />
							{choice.label}
						</label>
					))}
				</div>
			) : question.type === 'fill_blank' ? (
				<div className="flex flex-col gap-2">
					{Array.from({ length: Math.max(1, question.blankCount) }, (_, i) => {
						const blanks = Array.isArray(value) ? value : []
						return (
							<label key={i} className="flex flex-wrap items-center gap-2">
								<span className="w-16 text-sm text-gray-700">第 {i + 1} 空</span>
								<input
									type="text"
									className="min-w-0 flex-1 rounded border border-gray-300 px-3 py-2"
									value={blanks[i] ?? ''}
									maxLength={1000}
									onChange={(event) => {
										const next = Array.from({ length: Math.max(1, question.blankCount) }, (_, j) => (j === i ? event.target.value : (blanks[j] ?? '')))
										onChange(next.some((b) => b.trim()) ? next : null, DEBOUNCE_MS.text)
									}}
								/>
							</label>
						)
					})}
				</div>
			) : (
				<label className="flex flex-col gap-1">
					<span className="text-sm text-gray-700">作答</span>
					<textarea
						className="min-h-40 rounded border border-gray-300 px-3 py-2"
						value={typeof value === 'string' ? value : ''}
						maxLength={20_000}
						onChange={(event) => onChange(event.target.value === '' ? null : event.target.value, DEBOUNCE_MS.text)}
					/>
				</label>
			)}
		</fieldset>
	)
}

function ChoiceRow({
	type,
	name,
	option,
	checked,
	onChange,
}: {
	type: 'radio' | 'checkbox'
	name: string
	option: InputOption
	checked: boolean
	onChange: (checked: boolean) => void
}) {
	return (
		// At least 44 px tall: a finger on a phone must hit one option and not its neighbour.
		<label className={cn('flex min-h-11 cursor-pointer items-start gap-3 rounded border px-3 py-2', checked ? 'border-brand-600 bg-brand-50' : 'border-gray-300 bg-white hover:bg-gray-50')}>
			<input type={type} name={name} value={optionValue(option)} className="mt-1 h-4 w-4 shrink-0" checked={checked} onChange={(event) => onChange(event.target.checked)} />
			<span className="min-w-0 break-words">
				<span className="mr-1 font-medium">{option.label}.</span>
				{option.text}
			</span>
		</label>
	)
}
