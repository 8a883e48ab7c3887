import { useEffect, useRef } from 'react'
import { buttonClass } from '#app/components/forms.tsx'

/** Confirmation before handing in, listing what is still unanswered. Native <dialog>: focus stays inside, Esc closes. */
export function SubmitDialog({
	open,
	unanswered,
	busy,
	error,
	onConfirm,
	onCancel,
	onJump,
}: {
	open: boolean
	unanswered: number[]
	busy: boolean
	error: string | null
	onConfirm: () => void
	onCancel: () => void
	onJump: (position: number) => void
}) {
	const ref = useRef<HTMLDialogElement>(null)
	useEffect(() => {
		const dialog = ref.current
		if (!dialog) return
		if (open && !dialog.open) dialog.showModal()
		if (!open && dialog.open) dialog.close()
	}, [open])
	return (
		<dialog ref={ref} onCancel={onCancel} aria-labelledby="submit-title" className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-black/40">
			<div className="flex flex-col gap-4 p-6">
				<h2 id="submit-title" className="text-lg font-semibold">
					确认交卷
				</h2>
				{unanswered.length ? (
					<div>
						<p className="text-sm text-gray-800">还有 {unanswered.length} 题未作答：</p>
						<ul className="mt-2 flex max-h-40 flex-wrap gap-2 overflow-auto" aria-label="未作答的题目">
							{unanswered.map((position) => (
								<li key={position}>
									<button type="button" className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-sm" onClick={() => onJump(position)}>
										第 {position} 题
									</button>
								</li>
							))}
						</ul>
					</div>
				) : (
					<p className="text-sm text-gray-800">所有题目均已作答。</p>
				)}
				<p className="text-sm text-gray-600">交卷后不能再修改答案。</p>
				{error ? (
					<p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
						{error}
					</p>
				) : null}
				<div className="flex justify-end gap-2">
					<button type="button" className={buttonClass('secondary')} onClick={onCancel} disabled={busy}>
						继续作答
					</button>
					<button type="button" className={buttonClass('primary')} onClick={onConfirm} disabled={busy}>
						{busy ? '正在交卷…' : '确认交卷'}
					</button>
				</div>
			</div>
		</dialog>
	)
}
