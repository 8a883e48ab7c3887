import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Page } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { AssignmentList, CheckInList, ProjectList, ReflectionList, Section } from '#app/components/mentorship/records.tsx'
import { ScoreTrend } from '#app/components/mentorship/score-trend.tsx'
import { accessToPairing } from '#app/mentorship/access.ts'
import { apprenticeView } from '#app/mentorship/apprentice-view.ts'
import { chinaDayOf } from '#app/mentorship/dates.ts'
import { RATING_LABELS } from '#app/mentorship/labels.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { grantedOrThrow } from '#app/utils/refusal.server.ts'
import reportStyles from './__report.css?url'

export const meta: MetaFunction = () => [{ title: '导师带徒结业报告 · 红审学堂' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: reportStyles }]

/** The mentor, the apprentice (their own) and admins may read a term report. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/mentorship')
	const access = grantedOrThrow(await accessToPairing(prisma, user, params.pairingId ?? ''))
	return { view: await apprenticeView(prisma, access) }
}

export default function TermReportPage() {
	const { view } = useLoaderData<typeof loader>()
	const { pairing, evaluation } = view
	const done = view.assignments.filter((a) => a.done).length
	return (
		<Page>
			<article className="term-report">
				<header className="mb-4">
					<h1 className="text-2xl font-bold">导师带徒结业报告</h1>
					<p className="text-sm text-gray-700">
						导师 {pairing.mentor.name}（{pairing.mentor.unitName}）· 徒弟 {pairing.apprentice.name}（{pairing.apprentice.unitName}）
					</p>
					<p className="text-sm text-gray-700">
						结对期 {chinaDayOf(new Date(pairing.startsOn))} 至 {chinaDayOf(new Date(pairing.endsOn))}
					</p>
					<button type="button" className="no-print mt-2 rounded border border-gray-300 bg-white px-3 py-1 text-sm" onClick={() => window.print()}>
						打印 / 另存为 PDF
					</button>
				</header>
				<Section id="goals" title="一、结对目标">
					<p className="text-sm">
						<span className="text-gray-500">业务目标：</span>
						{pairing.businessGoals || '（未填写）'}
					</p>
					<p className="mt-1 text-sm">
						<span className="text-gray-500">党建目标：</span>
						{pairing.partyGoals || '（未填写）'}
					</p>
				</Section>
				<Section id="study" title={`二、指定学习（完成 ${done}/${view.assignments.length}）`}>
					<AssignmentList items={view.assignments} empty="本期没有指定学习。" linkable={false} />
					<h3 className="mb-1 mt-3 font-medium">课程进度</h3>
					<ul className="text-sm">
						{view.courses.map((c) => (
							<li key={c.id}>
								{c.title}：{c.progress.completed}/{c.progress.total} 课时
							</li>
						))}
					</ul>
				</Section>
				<Section id="scores" title="三、比武成绩">
					<ScoreTrend points={view.scores} title={`${pairing.apprentice.name} 历次比武得分率`} />
				</Section>
				<Section id="projects" title="四、项目压担子">
					<ProjectList items={view.projects} />
				</Section>
				<Section id="check-ins" title="五、每月一学">
					<CheckInList items={view.checkIns} />
					<h3 className="mb-1 mt-3 font-medium">学习心得</h3>
					<ReflectionList items={view.reflections} />
				</Section>
				<Section id="evaluation" title="六、结业评价">
					{evaluation ? (
						<div className="space-y-1 text-sm">
							<p>
								业务目标：<strong>{RATING_LABELS[evaluation.businessRating]}</strong>
								{evaluation.businessComment ? `。${evaluation.businessComment}` : ''}
							</p>
							<p>
								党建目标：<strong>{RATING_LABELS[evaluation.partyRating]}</strong>
								{evaluation.partyComment ? `。${evaluation.partyComment}` : ''}
							</p>
							<p className="whitespace-pre-wrap">总体评语：{evaluation.comments}</p>
							<p>
								导师签署：{pairing.mentor.name}，{chinaDayOf(new Date(evaluation.signedAt))}
							</p>
							<p>
								徒弟确认：{evaluation.acknowledgedAt ? `${pairing.apprentice.name}，${chinaDayOf(new Date(evaluation.acknowledgedAt))}` : '尚未确认'}
								{evaluation.apprenticeNote ? `（${evaluation.apprenticeNote}）` : ''}
							</p>
						</div>
					) : (
						<p className="text-sm text-gray-600">导师尚未签署结业评价。</p>
					)}
				</Section>
			</article>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
