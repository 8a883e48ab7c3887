// The test page (ADR 032): every answer autosaves through the JSON save route; the timer runs
// on the server's deadline and clock; offline edits wait in localStorage.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData, useNavigate, useSubmit } from '@remix-run/react'
import { useCallback, useMemo, useState } from 'react'
import { Countdown, TimeWarning } from '#app/components/exam/countdown.tsx'
import { isAnswered, QuestionInput } from '#app/components/exam/question-input.tsx'
import { SaveStatus } from '#app/components/exam/save-status.tsx'
import { SubmitDialog } from '#app/components/exam/submit-dialog.tsx'
import { useExamSession } from '#app/components/exam/use-exam-session.ts'
import { buttonClass } from '#app/components/forms.tsx'
import { getLearnerAttempt } from '#app/exams/attempts/learner-paper.ts'
import { paperSections } from '#app/exams/attempts/paper-sections.ts'
import { submitAttempt } from '#app/exams/attempts/submit-attempt.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { cn } from '#app/utils/misc.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.title ?? '考试'} · 红审学堂` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/exams')
	const view = await getLearnerAttempt(prisma, { attemptId: params.attemptId!, userId: user.id, now: new Date() })
	if (!view) throw data({ message: '找不到这份答卷。' }, { status: 404 })
	if (view.status !== 'open') throw redirect(`/exams/attempts/${view.id}/result`)
	return data(view, { headers: { 'Cache-Control': 'no-store' } })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/exams')
	const form = await request.formData()
	if (form.get('intent') !== 'submit') throw data({ message: '未知操作' }, { status: 400 })
	const result = await submitAttempt(prisma, { attemptId: params.attemptId!, userId: user.id, now: new Date() })
	if (!result.ok) throw data({ message: '找不到这份答卷。' }, { status: 404 })
	throw redirect(`/exams/attempts/${params.attemptId}/result`)
}

export default function TestPage() {
	const view = useLoaderData<typeof loader>()
	const submit = useSubmit()
	const navigate = useNavigate()
	const [closedMessage, setClosedMessage] = useState<string | null>(null)
	const [expired, setExpired] = useState(false)
	const [dialogOpen, setDialogOpen] = useState(false)
	const [submitting, setSubmitting] = useState(false)
	const [submitError, setSubmitError] = useState<string | null>(null)
	const session = useExamSession(
		{ attemptId: view.id, startedAt: view.startedAt, deadline: view.deadline, serverNow: view.serverNow, maxSeq: view.maxSeq, questions: view.questions },
		{ onClosed: setClosedMessage },
	)
	const { sync, snapshot, clock, otherTabs } = session
	const locked = expired || Boolean(closedMessage) || submitting || !sync
	const unanswered = view.questions.filter((q) => !isAnswered(snapshot.answers.get(q.position) ?? null)).map((q) => q.position)

	const handIn = useCallback(
		async (automatic: boolean) => {
			if (!sync) return
			setSubmitting(true)
			setSubmitError(null)
			sync.flushAll()
			const saved = await sync.settled(automatic ? 9000 : 8000)
			if (!saved && !automatic) {
				setSubmitting(false)
				setSubmitError(`还有 ${sync.getSnapshot().unsaved} 题的答案没有保存到服务器（网络不通）。请恢复网络、状态显示“已保存”后再交卷。`)
				return
			}
			submit({ intent: 'submit' }, { method: 'post' })
		},
		[submit, sync],
	)

	const onExpire = useCallback(() => {
		setExpired(true)
		void handIn(true)
	}, [handIn])

	const sections = useMemo(() => paperSections(view.questions), [view.questions])

	function jumpTo(position: number) {
		setDialogOpen(false)
		const target = document.getElementById(`question-${position}`)
		target?.scrollIntoView({ behavior: 'smooth', block: 'start' })
		target?.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true })
	}

	return (
		<main className="mx-auto max-w-6xl pb-16">
			<div className="sticky top-0 z-10 border-b bg-white/95 shadow-sm backdrop-blur">
				<div className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
					<h1 className="w-full min-w-0 truncate text-sm font-semibold sm:w-auto sm:flex-1 sm:text-lg">{view.round.title}</h1>
					<Countdown clock={clock} onExpire={onExpire} />
					<div className="text-sm text-gray-700">
						已答 <span className="font-semibold">{view.questions.length - unanswered.length}</span> / {view.questions.length}
					</div>
					<SaveStatus snapshot={snapshot} />
					<button type="button" className={buttonClass('primary')} disabled={locked} onClick={() => setDialogOpen(true)}>
						交卷
					</button>
				</div>
				<TimeWarning clock={clock} />
				{otherTabs > 0 ? (
					<p role="alert" className="border-t border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
						此考试已在另一个标签页或窗口中打开。两处都能作答，系统保留每题最新的修改；为免混淆，请只在一个页面作答。
					</p>
				) : null}
				{snapshot.conflicts.length ? (
					<p role="status" className="border-t border-blue-200 bg-blue-50 px-4 py-2 text-sm text-blue-900">
						第 {snapshot.conflicts.join('、')} 题已在其他页面或设备上修改，现显示最新保存的答案。
					</p>
				) : null}
				{expired && !closedMessage ? (
					<p role="alert" className="border-t border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
						考试时间已到，正在保存并交卷……
					</p>
				) : null}
				{closedMessage ? (
					<div role="alert" className="flex flex-wrap items-center gap-3 border-t border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
						<span>{closedMessage}</span>
						<button type="button" className={buttonClass('secondary')} onClick={() => navigate(`/exams/attempts/${view.id}/result`)}>
							查看结果
						</button>
					</div>
				) : null}
			</div>

			<div className="grid grid-cols-1 gap-6 px-4 pt-4 lg:grid-cols-[minmax(0,1fr)_14rem]">
				<div className="flex min-w-0 flex-col gap-6">
					{view.round.instructions ? (
						<details className="rounded border bg-white p-3 text-sm">
							<summary className="cursor-pointer font-medium">考试说明</summary>
							<p className="mt-2 whitespace-pre-wrap text-gray-700">{view.round.instructions}</p>
						</details>
					) : null}
					{sections.map((section, index) => (
						<section key={index} aria-label={section.title} className="flex flex-col gap-4">
							<h2 className="text-base font-semibold text-gray-800">{section.title}</h2>
							{section.questions.map((question) => (
								<article key={question.position} id={`question-${question.position}`} className="scroll-mt-40 rounded-lg border bg-white p-4">
									<QuestionInput
										question={question}
										value={snapshot.answers.get(question.position) ?? null}
										disabled={locked}
										onChange={(value, debounceMs) => sync?.setAnswer(question.position, value, debounceMs)}
									/>
								</article>
							))}
						</section>
					))}
					<div className="flex justify-end">
						<button type="button" className={buttonClass('primary')} disabled={locked} onClick={() => setDialogOpen(true)}>
							交卷
						</button>
					</div>
				</div>
				<nav aria-label="答题卡" className="order-first min-w-0 lg:order-none">
					<div className="rounded-lg border bg-white p-3 lg:sticky lg:top-28">
						<h2 className="mb-2 text-sm font-semibold">答题卡</h2>
						<ol className="flex gap-1.5 overflow-x-auto pb-1 lg:grid lg:grid-cols-5 lg:overflow-visible lg:pb-0">
							{view.questions.map((question) => {
								const answered = isAnswered(snapshot.answers.get(question.position) ?? null)
								return (
									<li key={question.position}>
										<a
											href={`#question-${question.position}`}
											onClick={(event) => {
												event.preventDefault()
												jumpTo(question.position)
											}}
											aria-label={`第 ${question.position} 题，${answered ? '已答' : '未答'}`}
											className={cn(
												'flex h-11 w-11 shrink-0 items-center justify-center rounded border text-sm lg:h-8 lg:w-auto',
												answered ? 'border-brand-600 bg-brand-600 text-white' : 'border-gray-300 bg-white text-gray-700',
											)}
										>
											{question.position}
										</a>
									</li>
								)
							})}
						</ol>
					</div>
				</nav>
			</div>
			<SubmitDialog
				open={dialogOpen}
				unanswered={unanswered}
				busy={submitting}
				error={submitError}
				onCancel={() => {
					setDialogOpen(false)
					setSubmitError(null)
				}}
				onConfirm={() => void handIn(false)}
				onJump={jumpTo}
			/>
		</main>
	)
}
