import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { ReviewQuestionCard } from '#app/components/exam/review-question.tsx'
import { withStudyLinks } from '#app/exams/attempts/study-links.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { listMistakes } from '#app/exams/practice/mistakes.ts'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'

export const meta: MetaFunction = () => [{ title: '错题本 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/exams')
	const mistakes = await withStudyLinks(prisma, await listMistakes(prisma, { userId: user.id, now: new Date() }))
	return { mistakes }
}

export default function MistakesPage() {
	const { mistakes } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader
				title="错题本"
				description="考试复盘开放后，答错或未得满分的题目会收录在这里，并按记忆规律（间隔重复）安排到练习中再次出现。仍可能出现在进行中或即将开始的考试里的题目暂不收录，待该考试复盘开放后再出现。"
				actions={
					<Link to="/exams/practice" className={buttonClass('primary')}>
						去练习
					</Link>
				}
			/>
			{mistakes.length === 0 ? (
				<p className="rounded border bg-white p-6 text-gray-600">暂无错题。考试复盘开放后，答错的题目会出现在这里。</p>
			) : (
				<ol className="flex flex-col gap-4">
					{mistakes.map((mistake, index) => (
						<li key={mistake.questionId}>
							<p className="mb-1 flex flex-wrap gap-3 text-xs text-gray-600">
								<span>{mistake.source === 'exam' ? `考试：${mistake.sourceTitle}` : '练习'}</span>
								<span>{TOPIC_LABELS[mistake.topic as Topic] ?? mistake.topic}</span>
								<span>{formatChinaDateTime(new Date(mistake.missedAt))}</span>
								{mistake.mastered ? <span className="text-green-700">最近一次练习已答对</span> : null}
								{mistake.nextDue ? <span>下次复习：{formatChinaDateTime(new Date(mistake.nextDue))}</span> : null}
							</p>
							<ReviewQuestionCard
								question={{ ...mistake, position: index + 1, points: 0, score: null, isCorrect: false, regulation: null, comments: [] }}
								lessonLinks={mistake.lessonLinks}
								problemLinks={mistake.problemLinks}
								showScore={false}
							/>
						</li>
					))}
				</ol>
			)}
		</Page>
	)
}
