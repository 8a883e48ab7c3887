import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import type { ReactNode } from 'react'

const STATUS_TEXT: Record<number, { title: string; message: string }> = {
	400: { title: '请求有误', message: '提交的内容无法处理，请检查后重试。' },
	401: { title: '请先登录', message: '登录后才能访问此页面。' },
	403: { title: '无权访问', message: '您没有访问此页面的权限。如需开通，请联系管理员。' },
	404: { title: '页面不存在', message: '您要找的页面不存在，或已被移除。' },
	409: { title: '操作冲突', message: '数据已被他人修改，请刷新后重试。' },
	503: { title: '服务繁忙', message: '服务器暂时繁忙，请稍后重试。' },
}

function messageFrom(data: unknown) {
	if (typeof data === 'string') return data
	if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') return data.message
	return null
}

export function ErrorPage({ status, title, message, children }: { status: number; title: string; message: string; children?: ReactNode }) {
	return (
		<main className="mx-auto flex max-w-xl flex-col items-center gap-4 px-4 py-16 text-center" data-status={status}>
			<p className="text-5xl font-bold text-brand-700">{status}</p>
			<h1 className="text-2xl font-semibold">{title}</h1>
			<p className="text-gray-600">{message}</p>
			{children}
			<Link to="/" className="text-brand-700 hover:underline">
				返回首页
			</Link>
		</main>
	)
}

/** Chinese error pages; no stack trace or server message of an unexpected error is shown. */
export function GeneralErrorBoundary() {
	const error = useRouteError()
	if (isRouteErrorResponse(error)) {
		const known = STATUS_TEXT[error.status] ?? { title: '出错了', message: '请求未能完成。' }
		const message = error.status < 500 ? (messageFrom(error.data) ?? known.message) : known.message
		return <ErrorPage status={error.status} title={known.title} message={message} />
	}
	return <ErrorPage status={500} title="系统出错了" message="抱歉，服务器处理请求时出错。请稍后重试；如果问题持续，请联系管理员。" />
}
