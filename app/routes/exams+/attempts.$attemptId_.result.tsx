import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { ReviewQuestionCard } from '#app/components/exam/review-question.tsx'
import { getAttemptResult } from '#app/exams/attempts/results.ts'
import { QUESTION_TYPE_LABELS, type QuestionType } from '#app/exams/bank/question-types.ts'
import { withStudyLinks } from '#app/exams/attempts/study-links.ts'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `成绩 · ${data?.result.round.title ?? ''} · 红审学堂` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/exams')
	const result = await getAttemptResult(prisma, { attemptId: params.attemptId!, userId: user.id, now: new Date() })
	if (!result) throw data({ message: '找不到这份答卷。' }, { status: 404 })
	if (result.status === 'open') throw redirect(`/exams/attempts/${result.id}`)
	const review = result.review ? await withStudyLinks(prisma, result.review) : null
	return data({ result: { ...result, review } }, { headers: { 'Cache-Control': 'no-store' } })
}

const STATUS_TEXT: Record<string, string> = { submitted: '已交卷', expired: '考试时间到，系统已自动收卷' }

type LoadedResult = ReturnType<typeof useLoaderData<typeof loader>>['result']

/** The total once released; before that, when it will be; while essays are marked, the objective part at once. */
function ScoreSummary({ result }: { result: LoadedResult }) {
	if (!result.scoreReleased) {
		return (
			<p className="text-lg font-medium text-gray-800">
				{result.scoreReleaseAt ? `成绩将于 ${formatChinaDateTime(new Date(result.scoreReleaseAt))} 后公布` : '成绩暂未公布'}
			</p>
		)
	}
	if (result.score !== null) {
		return (
			<p className="text-3xl font-bold text-brand-700">
				{result.score}
				<span className="text-base font-normal text-gray-600"> / {result.maxScore}</span>
			</p>
		)
	}
	if (result.objective) {
		return (
			<p className="text-lg font-medium text-gray-800">
				客观题 {result.objective.score}/{result.objective.max}，主观题阅卷中
			</p>
		)
	}
	return <p className="text-lg font-medium text-gray-800">计分中</p>
}

function MarksTable({ marks }: { marks: NonNullable<LoadedResult['marks']> }) {
	return (
		<section aria-label="每题得分" className="mb-6 rounded-lg border bg-white p-4">
			<h2 className="mb-2 text-lg font-semibold">每题得分</h2>
			<ol className="grid gap-2 text-sm sm:grid-cols-4 lg:grid-cols-6">
				{marks.map((mark) => (
					<li key={mark.position} className="rounded border px-2 py-1">
						第 {mark.position} 题（{QUESTION_TYPE_LABELS[mark.type as QuestionType] ?? mark.type}）：
						{mark.withheld ? '暂不公布' : mark.score === null ? '阅卷中' : `${mark.score} / ${mark.points} 分`}
					</li>
				))}
			</ol>
			{marks.some((m) => m.withheld) ? <p className="mt-2 text-xs text-gray-600">标为“暂不公布”的题目仍在进行中或即将开始的考试题库中，该考试复盘开放后公布。</p> : null}
		</section>
	)
}

export default function AttemptResultPage() {
	const { result } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader title={result.round.title} description={`第 ${result.attemptNo} 次作答 · ${STATUS_TEXT[result.status] ?? result.status}`} />
			<section className="mb-6 grid gap-4 rounded-lg border bg-white p-4 sm:grid-cols-3" aria-label="成绩">
				<div>
					<p className="text-sm text-gray-600">得分</p>
					<ScoreSummary result={result} />
				</div>
				<div>
					<p className="text-sm text-gray-600">作答</p>
					<p className="text-lg">
						{result.answeredCount} / {result.questionCount} 题
					</p>
				</div>
				<div>
					<p className="text-sm text-gray-600">交卷时间</p>
					<p className="text-lg">{result.finishedAt ? formatChinaDateTime(new Date(result.finishedAt)) : '—'}</p>
				</div>
			</section>
			{result.marks ? (
				<MarksTable marks={result.marks} />
			) : !result.review && result.marksReleaseAt && result.marksReleaseAt !== result.scoreReleaseAt ? (
				<p className="mb-6 rounded border bg-white p-4 text-gray-700">每题得分将于 {formatChinaDateTime(new Date(result.marksReleaseAt))} 后公布。</p>
			) : null}
			{result.review ? (
				<section aria-label="复盘" className="flex flex-col gap-4">
					<h2 className="text-lg font-semibold">复盘：答案与解析</h2>
					{result.review.map((question) => (
						<ReviewQuestionCard key={question.position} question={question} lessonLinks={question.lessonLinks} problemLinks={question.problemLinks} />
					))}
				</section>
			) : (
				<p className="rounded border bg-white p-4 text-gray-700">
					答案与解析将于 {formatChinaDateTime(new Date(result.reviewOpensAt))} 后开放复盘（所有考生交卷之后）。
				</p>
			)}
			<p className="mt-6 flex flex-wrap gap-4">
				<Link to="/exams" className="text-brand-700 hover:underline">
					返回考试列表
				</Link>
				<Link to="/exams/mistakes" className="text-brand-700 hover:underline">
					错题本
				</Link>
				<Link to={`/appeals/new/${result.id}`} className="text-brand-700 hover:underline">
					对评分有异议？提出申诉
				</Link>
			</p>
		</Page>
	)
}
