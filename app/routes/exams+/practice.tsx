import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useFetcher, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react'
import { useState } from 'react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { QuestionInput } from '#app/components/exam/question-input.tsx'
import type { AnswerValue } from '#app/exams/attempts/save-answer.server.ts'
import { isEssayType } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS, TopicSchema, type Topic } from '#app/utils/topics.ts'
import { answerPracticeQuestion, essayReference, getPracticeOverview, nextPracticeQuestion, PracticeAnswerSchema } from '#app/exams/practice/practice.ts'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export const meta: MetaFunction = () => [{ title: '练习 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/exams')
	const now = new Date()
	const url = new URL(request.url)
	const overview = await getPracticeOverview(prisma, { userId: user.id, now })
	const topicParam = url.searchParams.get('topic')
	if (topicParam === null) return { overview, question: null, practising: false }
	const topic = topicParam === 'all' ? null : TopicSchema.safeParse(topicParam).data
	if (topic === undefined) throw data({ message: '专题无效' }, { status: 400 })
	const question = await nextPracticeQuestion(prisma, { userId: user.id, topic, now })
	return { overview, question, practising: true }
}

const RequestSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('answer'), payload: z.string().max(70_000) }),
	z.object({ intent: z.literal('reveal'), questionId: z.string().min(1) }),
])

export async function action({ request }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/exams')
	const form = Object.fromEntries(await request.formData())
	const parsed = RequestSchema.safeParse(form)
	if (!parsed.success) return data({ intent: 'error' as const, message: '请求无效' }, { status: 400 })
	const now = new Date()
	if (parsed.data.intent === 'reveal') {
		const reference = await essayReference(prisma, { userId: user.id, questionId: parsed.data.questionId, now })
		if (!reference) return data({ intent: 'error' as const, message: '这道题暂不开放练习。' }, { status: 404 })
		return { intent: 'reveal' as const, reference }
	}
	let payload: unknown
	try {
		payload = JSON.parse(parsed.data.payload)
	} catch {
		return data({ intent: 'error' as const, message: '答案格式不正确' }, { status: 400 })
	}
	const input = PracticeAnswerSchema.safeParse(payload)
	if (!input.success) return data({ intent: 'error' as const, message: '答案格式不正确' }, { status: 400 })
	const feedback = await answerPracticeQuestion(prisma, { userId: user.id, input: input.data, now })
	if (!feedback.ok) return data({ intent: 'error' as const, message: feedback.message }, { status: 409 })
	return { intent: 'answer' as const, feedback }
}

/** Answering must not swap the question on screen for the next one before the learner has read the feedback. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
	formMethod?.toUpperCase() === 'POST' ? false : defaultShouldRevalidate

const topicLabel = (topic: string) => TOPIC_LABELS[topic as Topic] ?? topic

export default function PracticePage() {
	const { overview, question, practising } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	return (
		<Page>
			<PageHeader
				title="练习"
				description="不计时。错题会按记忆规律（间隔重复）再次出现；新题来自已开放复盘的考试题目。"
				actions={
					<Link to="/exams/mistakes" className={buttonClass('secondary')}>
						错题本
					</Link>
				}
			/>
			{practising ? (
				question ? (
					<PracticeQuestionCard key={question.questionId} question={question} nextHref={`/exams/practice?topic=${params.get('topic') ?? 'all'}`} />
				) : (
					<div className="rounded border bg-white p-6">
						<p className="text-gray-700">这个专题暂时没有需要练习的题目了。</p>
						{overview.nextDue ? <p className="mt-1 text-sm text-gray-600">下一道复习题将于 {formatChinaDateTime(new Date(overview.nextDue))} 到期。</p> : null}
						<Link to="/exams/practice" className="mt-3 inline-block text-brand-700 hover:underline">
							返回专题列表
						</Link>
					</div>
				)
			) : overview.topics.length === 0 ? (
				<p className="rounded border bg-white p-6 text-gray-600">暂无可练习的题目：考试复盘开放后，题目会进入练习。</p>
			) : (
				<ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
					<li className="rounded-lg border bg-white p-4">
						<h2 className="font-semibold">全部专题</h2>
						<p className="mt-1 text-sm text-gray-600">
							待复习 {overview.topics.reduce((s, t) => s + t.due, 0)} 题 · 新题 {overview.topics.reduce((s, t) => s + t.fresh, 0)} 题
						</p>
						<Link to="/exams/practice?topic=all" className={buttonClass('primary', 'mt-3')}>
							开始练习
						</Link>
					</li>
					{overview.topics.map((topic) => (
						<li key={topic.topic} className="rounded-lg border bg-white p-4">
							<h2 className="font-semibold">{topicLabel(topic.topic)}</h2>
							<p className="mt-1 text-sm text-gray-600">
								待复习 {topic.due} 题（其中错题 {topic.mistakesDue}）· 新题 {topic.fresh} 题 · 已练 {topic.cards} 题
							</p>
							<Link to={`/exams/practice?topic=${topic.topic}`} className={buttonClass('secondary', 'mt-3')}>
								练习{topicLabel(topic.topic)}
							</Link>
						</li>
					))}
				</ul>
			)}
		</Page>
	)
}

type LoadedQuestion = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['question']>

function PracticeQuestionCard({ question, nextHref }: { question: LoadedQuestion; nextHref: string }) {
	const fetcher = useFetcher<typeof action>()
	const [answer, setAnswer] = useState<AnswerValue>(null)
	const essay = isEssayType(question.type)
	const result = fetcher.data
	const feedback = result?.intent === 'answer' ? result.feedback : null
	const reference = result?.intent === 'reveal' ? result.reference : null
	const busy = fetcher.state !== 'idle'
	const send = (selfRating: string | null) =>
		fetcher.submit({ intent: 'answer', payload: JSON.stringify({ questionId: question.questionId, answer, selfRating }) }, { method: 'post' })
	return (
		<section className="flex flex-col gap-4 rounded-lg border bg-white p-4" aria-label="练习题">
			<p className="text-xs text-gray-600">
				{topicLabel(question.topic)} · {question.reason === 'due' ? (question.source === 'mistake' ? '错题复习' : '到期复习') : '新题'}
			</p>
			<QuestionInput question={{ ...question, position: 0, points: 0 }} value={answer} disabled={Boolean(feedback) || busy} onChange={(value) => setAnswer(value)} />
			{result?.intent === 'error' ? (
				<p role="alert" className="text-sm text-red-700">
					{result.message}
				</p>
			) : null}
			{feedback ? (
				<div role="status" className="rounded border bg-gray-50 p-3 text-sm">
					<p className={feedback.isCorrect === false ? 'font-semibold text-red-700' : 'font-semibold text-green-700'}>
						{feedback.isCorrect === null ? '已记录自评' : feedback.isCorrect ? '回答正确' : '回答错误'}
					</p>
					<p className="mt-1">
						正确答案：<span className="whitespace-pre-wrap font-medium">{feedback.keyText}</span>
					</p>
					{feedback.explanation ? <p className="mt-1 whitespace-pre-wrap">解析：{feedback.explanation}</p> : null}
					<p className="mt-1 text-gray-600">下次复习：{formatChinaDateTime(new Date(feedback.nextDue))}</p>
					<Link to={nextHref} className={buttonClass('primary', 'mt-3')}>
						下一题
					</Link>
				</div>
			) : essay ? (
				reference ? (
					<div className="rounded border bg-gray-50 p-3 text-sm">
						<p className="font-medium">参考答案</p>
						<p className="mt-1 whitespace-pre-wrap">{reference.reference}</p>
						{reference.explanation ? <p className="mt-2 whitespace-pre-wrap">解析：{reference.explanation}</p> : null}
						<p className="mt-3">对照参考答案，您掌握得怎么样？</p>
						<div className="mt-2 flex flex-wrap gap-2">
							<button type="button" className={buttonClass('secondary')} disabled={busy} onClick={() => send('again')}>
								没掌握
							</button>
							<button type="button" className={buttonClass('secondary')} disabled={busy} onClick={() => send('hard')}>
								大致掌握
							</button>
							<button type="button" className={buttonClass('primary')} disabled={busy} onClick={() => send('good')}>
								完全掌握
							</button>
						</div>
					</div>
				) : (
					<button type="button" className={buttonClass('primary', 'self-start')} disabled={busy} onClick={() => fetcher.submit({ intent: 'reveal', questionId: question.questionId }, { method: 'post' })}>
						查看参考答案
					</button>
				)
			) : (
				<button type="button" className={buttonClass('primary', 'self-start')} disabled={busy} onClick={() => send(null)}>
					{busy ? '提交中…' : '提交答案'}
				</button>
			)}
		</section>
	)
}
