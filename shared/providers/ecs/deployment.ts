/**
 * Pure reading of an ECS service's deployments: where the deployment we started, tracked by its
 * id, has got to. A deployment that failed, was rolled back by the circuit breaker, or vanished
 * from the list is never reported as success.
 */

/** The parts of an ECS `Deployment` read here; the SDK's type fits it. */
export interface EcsDeploymentView {
  id?: string | undefined;
  status?: string | undefined;
  taskDefinition?: string | undefined;
  desiredCount?: number | undefined;
  runningCount?: number | undefined;
  rolloutState?: string | undefined;
  rolloutStateReason?: string | undefined;
}

export interface EcsServiceView {
  serviceName?: string | undefined;
  taskDefinition?: string | undefined;
  desiredCount?: number | undefined;
  runningCount?: number | undefined;
  deployments?: EcsDeploymentView[] | undefined;
}

export type DeploymentOutcome =
  | { state: 'completed' }
  | { state: 'in-progress'; running: number; desired: number }
  | { state: 'failed'; reason: string };

export function deploymentOutcome(service: EcsServiceView, deploymentId: string): DeploymentOutcome {
  const deployments = service.deployments ?? [];
  const ours = deployments.find((d) => d.id === deploymentId);
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  if (!ours) {
    const replacement = primary?.rolloutStateReason ? ` (now: ${primary.rolloutStateReason})` : '';
    return {
      state: 'failed',
      reason: `deployment ${deploymentId} is no longer listed: ECS replaced it, as a circuit-breaker rollback does${replacement}`,
    };
  }
  if (ours.rolloutState === 'FAILED') {
    const rolledBack =
      primary && primary.id !== ours.id ? `; ECS rolled the service back to ${primary.taskDefinition}` : '';
    return {
      state: 'failed',
      reason: `deployment ${deploymentId} failed: ${ours.rolloutStateReason ?? 'no reason given'}${rolledBack}`,
    };
  }
  if (ours.status !== 'PRIMARY') {
    return {
      state: 'failed',
      reason: `deployment ${deploymentId} was superseded by ${primary?.id ?? 'another deployment'} (${primary?.taskDefinition ?? 'unknown task definition'}): another writer or a rollback changed the service`,
    };
  }
  // A count change keeps the deployment COMPLETED while new tasks go through PENDING: it is done
  // only when as many tasks run as it wants.
  if (ours.rolloutState === 'COMPLETED' && fullyRunning(ours)) return { state: 'completed' };
  return { state: 'in-progress', running: ours.runningCount ?? 0, desired: ours.desiredCount ?? 0 };
}

const fullyRunning = (d: { runningCount?: number | undefined; desiredCount?: number | undefined }) =>
  (d.runningCount ?? 0) >= (d.desiredCount ?? 0);

/** Whether a service runs one completed deployment with all its tasks running: nothing is converging. */
export function isSettled(service: EcsServiceView): boolean {
  const deployments = service.deployments ?? [];
  const only = deployments[0];
  return deployments.length === 1 && only?.rolloutState === 'COMPLETED' && fullyRunning(only);
}

/** The PRIMARY deployment's id, i.e. the one an UpdateService just started or kept. */
export function primaryDeployment(service: EcsServiceView): EcsDeploymentView | undefined {
  return (service.deployments ?? []).find((d) => d.status === 'PRIMARY');
}

/** `shop:42` from a task definition ARN, for logs. */
export function shortTaskDefinition(arn: string | undefined): string {
  if (arn === undefined) return 'unknown';
  const slash = arn.lastIndexOf('/');
  return slash >= 0 ? arn.slice(slash + 1) : arn;
}
