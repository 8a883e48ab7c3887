import { Link } from '@remix-run/react'

export function LecturerCrumbs({ course }: { course?: { id: string; title: string } }) {
	return (
		<nav aria-label="位置" className="mb-4 text-sm text-gray-600">
			<Link to="/lecturer" className="hover:underline">
				讲师工作台
			</Link>
			{course ? (
				<>
					<span className="mx-1">›</span>
					<Link to={`/lecturer/courses/${course.id}`} className="hover:underline">
						{course.title}
					</Link>
				</>
			) : null}
		</nav>
	)
}
