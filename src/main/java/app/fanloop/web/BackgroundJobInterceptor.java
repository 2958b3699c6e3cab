package app.fanloop.web;

import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Runs each {@link BackgroundJob} method through {@link JobRuns}, named by its {@code @Scheduled} identity. */
@BackgroundJob
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
class BackgroundJobInterceptor {

    @Inject
    JobRuns runs;

    @AroundInvoke
    Object around(InvocationContext context) throws Exception {
        Scheduled scheduled = context.getMethod().getAnnotation(Scheduled.class);
        String job = scheduled != null && !scheduled.identity().isEmpty() ? scheduled.identity()
                : context.getMethod().getDeclaringClass().getSimpleName() + "." + context.getMethod().getName();
        return runs.run(job, context::proceed);
    }
}
