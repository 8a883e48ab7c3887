export function cn(...classes: (string | false | null | undefined)[]) {
	return classes.filter(Boolean).join(' ')
}

export function getErrorMessage(error: unknown) {
	if (typeof error === 'string') return error
	if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message
	return '未知错误'
}

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false,
	timeZone: 'Asia/Shanghai',
})

export function formatDateTime(value: Date | string | number) {
	return dateTimeFormat.format(new Date(value))
}

/** A redirect target from user input, kept on this site. */
export function safeRedirectPath(to: unknown, fallback = '/') {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.includes('\\')) return fallback
	return to
}
