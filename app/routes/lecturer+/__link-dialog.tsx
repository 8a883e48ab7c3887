// 插入链接: a small modal dialog asking for the link's text and address. It sits outside the
// editor's form (a form may not hold another), checks the address as the lesson check would,
// and says what is wrong beside the field. Escape or 取消 leaves the text as it was.
import { useEffect, useId, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { buttonClass } from '#app/components/forms.tsx'
import { insertLink, linkUrlProblem, type TextEdit, type TextSelection } from '#app/courses/lesson-editor-actions.ts'

const INPUT = 'rounded border border-gray-300 px-3 py-2 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-[invalid]:border-red-600'

export function LinkDialog({ selection, onClose }: { selection: TextSelection; onClose: (edit: TextEdit | null) => void }) {
	const dialogRef = useRef<HTMLDialogElement>(null)
	const id = useId()
	const [problem, setProblem] = useState<string | null>(null)
	const chosen = selection.text.slice(selection.start, selection.end)

	useEffect(() => {
		const dialog = dialogRef.current
		if (dialog && !dialog.open) dialog.showModal()
	}, [])

	return createPortal(
		<dialog
			ref={dialogRef}
			aria-labelledby={`${id}-title`}
			className="w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-gray-300 p-0 shadow-xl backdrop:bg-black/30"
			onCancel={(event) => {
				event.preventDefault()
				onClose(null)
			}}
		>
			<form
				method="dialog"
				noValidate
				className="flex flex-col gap-3 p-5"
				// React passes a portal's events up its own tree: the editor's form must not take this
				// form's submit (conform would refuse it) nor its typing (the preview would refresh).
				onChange={(event) => event.stopPropagation()}
				onSubmit={(event) => {
					event.preventDefault()
					event.stopPropagation()
					const data = new FormData(event.currentTarget)
					const url = String(data.get('url') ?? '')
					const found = linkUrlProblem(url)
					if (found) return setProblem(found)
					onClose(insertLink(selection, { label: String(data.get('label') ?? ''), url }))
				}}
			>
				<h2 id={`${id}-title`} className="text-lg font-semibold">
					插入链接
				</h2>
				<div className="flex flex-col gap-1">
					<label htmlFor={`${id}-label`} className="text-sm font-medium text-gray-800">
						链接文字
					</label>
					<input id={`${id}-label`} name="label" defaultValue={chosen.trim()} className={INPUT} />
				</div>
				<div className="flex flex-col gap-1">
					<label htmlFor={`${id}-url`} className="text-sm font-medium text-gray-800">
						链接地址
					</label>
					<input
						id={`${id}-url`}
						name="url"
						type="text"
						inputMode="url"
						placeholder="https://"
						autoFocus={Boolean(chosen.trim())}
						aria-invalid={problem ? true : undefined}
						aria-describedby={problem ? `${id}-url-error` : `${id}-url-hint`}
						onInput={() => setProblem(null)}
						className={INPUT}
					/>
					{problem ? (
						<p id={`${id}-url-error`} role="alert" className="text-sm text-red-700">
							{problem}
						</p>
					) : (
						<p id={`${id}-url-hint`} className="text-xs text-gray-600">
							http://、https://、mailto: 开头，或以 / 开头的站内地址
						</p>
					)}
				</div>
				<div className="flex justify-end gap-2">
					<button type="button" className={buttonClass('secondary')} onClick={() => onClose(null)}>
						取消
					</button>
					<button type="submit" className={buttonClass('primary')}>
						插入
					</button>
				</div>
			</form>
		</dialog>,
		document.body,
	)
}
