// The allow-listed content blocks (see app/courses/mdx/allow-list.ts). They receive literal
// props only; URLs are checked again here before they reach an attribute.
import { Children, type ReactNode } from 'react'
import type { CalloutType } from '#app/courses/mdx/allow-list.ts'
import { isSafeUrl } from '#app/courses/mdx/safe-url.ts'
import { cn } from '#app/utils/misc.ts'
import { useLessonRuntime } from './lesson-runtime.tsx'

const CALLOUT_STYLES: Record<CalloutType, { box: string; icon: string }> = {
	提示: { box: 'border-sky-500 bg-sky-50', icon: 'ℹ' },
	注意: { box: 'border-amber-500 bg-amber-50', icon: '!' },
	警告: { box: 'border-red-600 bg-red-50', icon: '⚠' },
}

export function Callout({ type = '提示', title, children }: { type?: CalloutType; title?: string; children?: ReactNode }) {
	const style = CALLOUT_STYLES[type] ?? CALLOUT_STYLES.提示
	return (
		<aside role="note" aria-label={title ?? type} className={cn('not-prose my-5 rounded border-l-4 px-4 py-3', style.box)}>
			<p className="mb-1 font-semibold">
				<span aria-hidden="true" className="mr-2">
					{style.icon}
				</span>
				{title ? `${type}：${title}` : type}
			</p>
			<div className="prose prose-sm max-w-none">{children}</div>
		</aside>
	)
}

export function CaseStudy({ title, source, children }: { title: string; source?: string; children?: ReactNode }) {
	return (
		<section aria-label={`案例：${title}`} className="not-prose my-6 rounded border border-gray-300 bg-white px-5 py-4 shadow-sm">
			<p className="mb-2 text-xs font-semibold tracking-wide text-brand-700">案例</p>
			<h3 className="mb-2 text-lg font-semibold">{title}</h3>
			<div className="prose prose-sm max-w-none">{children}</div>
			{source ? <p className="mt-2 text-xs text-gray-500">来源：{source}</p> : null}
		</section>
	)
}

export function Regulation({ name, article, effectiveDate, children }: { name: string; article?: string; effectiveDate?: string; children?: ReactNode }) {
	return (
		<figure className="not-prose my-5 rounded border border-gray-200 bg-gray-50 px-5 py-4">
			<figcaption className="mb-2 text-sm font-semibold text-gray-800">
				《{name}》{article ? ` ${article}` : ''}
				{effectiveDate ? <span className="ml-2 font-normal text-gray-500">（自 {effectiveDate} 起施行）</span> : null}
			</figcaption>
			<blockquote className="prose prose-sm max-w-none border-l-2 border-gray-400 pl-3 text-gray-700">{children}</blockquote>
		</figure>
	)
}

export function ProblemCard({ id }: { id: string }) {
	const problem = useLessonRuntime().problems[id]
	if (!problem) {
		return <p className="not-prose my-4 rounded border border-dashed border-gray-300 px-4 py-3 text-sm text-gray-500">共性问题 {id} 已不在清单中。</p>
	}
	return (
		<article aria-label={`共性问题 ${problem.code}`} className="not-prose my-5 rounded border border-brand-100 bg-brand-50 px-5 py-4">
			<p className="text-xs font-semibold text-brand-700">
				共性问题 {problem.code} · {problem.category}
			</p>
			<h3 className="mt-1 text-base font-semibold">
				<a href={`/problems/${encodeURIComponent(problem.code)}`} className="hover:underline">
					{problem.title}
				</a>
			</h3>
			<p className="mt-2 text-sm text-gray-800">{problem.description}</p>
			<p className="mt-2 text-sm">
				<span className="font-medium">定性依据：</span>
				{problem.regulationBasis}
			</p>
			<p className="mt-1 text-sm">
				<span className="font-medium">处理建议：</span>
				{problem.recommendedHandling}
			</p>
		</article>
	)
}

export function Figure({ src, alt, caption }: { src: string; alt: string; caption?: string }) {
	return (
		<figure className="my-6">
			{isSafeUrl(src, 'media') ? <img src={src} alt={alt} loading="lazy" className="mx-auto max-h-[480px] rounded" /> : null}
			{caption ? <figcaption className="mt-2 text-center text-sm text-gray-600">{caption}</figcaption> : null}
		</figure>
	)
}

export function Video({ src, title, poster, children }: { src: string; title: string; poster?: string; children?: ReactNode }) {
	return (
		<figure className="not-prose my-6">
			{isSafeUrl(src, 'media') ? (
				<video controls preload="none" src={src} poster={isSafeUrl(poster, 'media') ? poster : undefined} className="w-full rounded bg-black" aria-label={title}>
					您的浏览器不能播放此视频，请阅读下方文字稿。
				</video>
			) : null}
			<figcaption className="mt-2 text-sm font-medium">{title}</figcaption>
			<details className="mt-2 rounded border border-gray-200 bg-white px-4 py-2">
				<summary className="cursor-pointer text-sm text-brand-700">文字稿</summary>
				<div className="prose prose-sm mt-2 max-w-none">{children}</div>
			</details>
		</figure>
	)
}

export function Steps({ children }: { children?: ReactNode }) {
	return <ol className="not-prose my-6 space-y-4 border-l-2 border-brand-100 pl-6">{Children.toArray(children).filter((child) => typeof child !== 'string')}</ol>
}

export function Step({ title, children }: { title: string; children?: ReactNode }) {
	return (
		<li className="relative">
			<span aria-hidden="true" className="absolute -left-[31px] top-1 h-3 w-3 rounded-full bg-brand-600" />
			<h3 className="font-semibold">{title}</h3>
			<div className="prose prose-sm mt-1 max-w-none">{children}</div>
		</li>
	)
}

type SafeLinkProps = {
	href?: string
	children?: ReactNode
	title?: string
	/** Footnote references and back-links (GFM) carry these; in-page links need the ids. */
	id?: string
	className?: string
	'aria-label'?: string
	'aria-describedby'?: string
	'data-footnote-ref'?: string
	'data-footnote-backref'?: string
}

/** Markdown links and images: checked again, and external links open with no opener. */
export function SafeLink({ href, children, ...rest }: SafeLinkProps) {
	if (!isSafeUrl(href)) return <span>{children}</span>
	const external = /^(https?:)?\/\//i.test(href)
	return (
		<a href={href} {...rest} rel={external ? 'noopener noreferrer' : undefined} target={external ? '_blank' : undefined}>
			{children}
		</a>
	)
}

export function SafeImage({ src, alt, title }: { src?: string; alt?: string; title?: string }) {
	return isSafeUrl(src, 'media') ? <img src={src} alt={alt ?? ''} title={title} loading="lazy" /> : null
}
