import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { Button, buttonClass, FormError } from '#app/components/forms.tsx'
import { startAttempt } from '#app/exams/attempts/start-attempt.server.ts'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { getRoundForLearner } from '#app/exams/rounds/learner-rounds.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.title ?? '考试'} · 红审学堂` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/exams')
	const round = await getRoundForLearner(prisma, { roundId: params.roundId!, candidate: user, now: new Date() })
	if (!round) throw data({ message: '找不到这轮考试，或您不在参考范围内。' }, { status: 404 })
	return { round }
}

/** 开始考试 is a button carrying its intent (ADR 070: one schema, one reply shape). */
const StartSchema = z.object({ intent: z.literal('start', { error: '未知的操作' }) })

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/exams')
	const submission = parseWithZod(await request.formData(), { schema: StartSchema })
	if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
	const result = await startAttempt(prisma, { roundId: params.roundId!, candidate: user, now: new Date() })
	if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: result.reason === 'not_found' ? 404 : result.reason === 'busy' ? 503 : 409 })
	throw await redirectWithToast(`/exams/attempts/${result.attemptId}`, {
		title: result.resumed ? '已回到未交的答卷。' : '考试已开始。',
		description: '答案会自动保存；截止时间到即收卷。',
	})
}

function StartForm({ lastResult }: { lastResult: SubmissionResult | undefined }) {
	const [form, fields] = useForm({ id: 'start-attempt', lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: StartSchema }) })
	return (
		<Form method="post" {...getFormProps(form)}>
			<Button type="submit" name={fields.intent.name} value="start" pendingLabel="正在组卷…" className="w-full">
				开始考试
			</Button>
		</Form>
	)
}

export default function RoundIntro() {
	const { round } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const used = round.attempts.length
	return (
		<Page>
			<PageHeader title={round.title} description={round.seasonName} />
			<div className="grid gap-6 md:grid-cols-[1fr_18rem]">
				<section className="rounded-lg border bg-white p-4">
					<h2 className="mb-2 font-semibold">考试说明</h2>
					<p className="whitespace-pre-wrap text-sm text-gray-800">{round.instructions || '无'}</p>
				</section>
				<aside className="flex flex-col gap-3 rounded-lg border bg-white p-4 text-sm">
					<p>
						开放时间：{formatChinaDateTime(new Date(round.opensAt))}
						<br />
						截止时间：{formatChinaDateTime(new Date(round.closesAt))}
					</p>
					<p>
						考试时长：{round.timeLimitMinutes} 分钟{round.extraMinutes ? `，另加 ${round.extraMinutes} 分钟` : ''}（截止时间到即收卷）
					</p>
					<p>
						作答次数：已用 {used} / {round.attemptsAllowed} 次
					</p>
					<FormError message={actionData?.error?.['']?.[0] ?? actionData?.error?.intent?.[0]} />
					{round.openAttemptId ? (
						<Link to={`/exams/attempts/${round.openAttemptId}`} className={buttonClass('primary')}>
							继续作答
						</Link>
					) : round.canStart ? (
						<StartForm lastResult={actionData} />
					) : (
						<p className="rounded bg-gray-100 px-3 py-2 text-gray-700">
							{round.state === 'upcoming' ? '考试尚未开始。' : round.state === 'closed' ? '考试已截止。' : '您已用完作答次数。'}
						</p>
					)}
					<Link to="/exams" className="text-brand-700 hover:underline">
						返回考试列表
					</Link>
				</aside>
			</div>
		</Page>
	)
}
