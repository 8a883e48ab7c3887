// An inline question. The bundle carries only the question and options; the page learns
// whether an answer was right (and what the answer is) from the server after submitting.
import { Children, isValidElement, type ReactNode } from 'react'
import { cn } from '#app/utils/misc.ts'
import { useLessonRuntime } from './lesson-runtime.tsx'

type OptionProps = { value: string; children?: ReactNode }

/** A carrier for its text: <KnowledgeCheck> reads the options and draws them itself. */
export function Option({ children }: OptionProps) {
	return <>{children}</>
}

function optionsOf(children: ReactNode) {
	return Children.toArray(children).flatMap((child) =>
		isValidElement<OptionProps>(child) && typeof child.props.value === 'string' ? [{ value: child.props.value, label: child.props.children }] : [],
	)
}

export function KnowledgeCheck({ id, question, multiple = false, children }: { id: string; question: string; multiple?: boolean; children?: ReactNode }) {
	const { checks } = useLessonRuntime()
	const options = optionsOf(children)
	const result = checks.mode === 'live' ? checks.answered[id] : undefined
	const pending = checks.mode === 'live' && checks.pendingKey === id
	const error = checks.mode === 'live' ? checks.errors?.[id] : undefined
	const labelOf = (value: string) => options.find((option) => option.value === value)?.label ?? value

	return (
		<section aria-label="随堂小测" className="not-prose my-6 rounded border border-gray-300 bg-white px-5 py-4" data-check={id}>
			<p className="text-xs font-semibold text-brand-700">随堂小测{multiple ? '（多选）' : ''}</p>
			<form
				method="post"
				action={checks.mode === 'live' ? checks.action : undefined}
				onSubmit={(event) => {
					if (checks.mode === 'preview') return event.preventDefault()
					if (checks.submit) {
						event.preventDefault()
						checks.submit(event.currentTarget)
					}
				}}
			>
				<fieldset disabled={checks.mode === 'preview' || pending}>
					<legend className="mb-3 font-medium">{question}</legend>
					<input type="hidden" name="intent" value="answer-check" />
					<input type="hidden" name="checkKey" value={id} />
					{checks.mode === 'live' ? <input type="hidden" name="versionId" value={checks.versionId} /> : null}
					<div className="space-y-2">
						{options.map((option) => {
							const chosen = result?.choice.includes(option.value)
							const right = result?.answer.includes(option.value)
							return (
								<label
									key={option.value}
									className={cn(
										'flex cursor-pointer items-start gap-2 rounded border px-3 py-2',
										result && right ? 'border-green-600 bg-green-50' : result && chosen ? 'border-red-500 bg-red-50' : 'border-gray-200',
									)}
								>
									<input type={multiple ? 'checkbox' : 'radio'} name="choice" value={option.value} defaultChecked={chosen} required={!multiple} className="mt-1" />
									<span>
										<span className="mr-1 font-medium">{option.value}.</span>
										{option.label}
									</span>
								</label>
							)
						})}
					</div>
					<button type="submit" className="mt-3 rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:bg-gray-400">
						{pending ? '核对中…' : result ? '再答一次' : '提交答案'}
					</button>
				</fieldset>
			</form>
			{error ? (
				<p role="alert" className="mt-2 text-sm text-red-700">
					{error}
				</p>
			) : null}
			{checks.mode === 'preview' ? <p className="mt-2 text-xs text-gray-500">预览中不核对答案；学员提交后由服务器核对并记录。</p> : null}
			{result ? (
				<div role="status" className={cn('mt-3 rounded px-3 py-2 text-sm', result.correct ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800')}>
					<p className="font-semibold">{result.correct ? '回答正确' : '回答错误'}</p>
					<p>
						正确答案：
						{result.answer.map((value) => (
							<span key={value} className="mr-2">
								{value}. {labelOf(value)}
							</span>
						))}
					</p>
					{result.explanation ? <p className="mt-1 text-gray-800">解析：{result.explanation}</p> : null}
				</div>
			) : null}
		</section>
	)
}
