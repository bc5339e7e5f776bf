// Declares the targets; each task runs one class of build/Overwatch.Build/Targets with the build context.
#r "./.build/lib/Overwatch.Build.dll"
using Overwatch.Build.Inputs;
using Overwatch.Build.Images.Plan;
using Overwatch.Build.Targets;

var target = Argument("target", TargetNames.Default);

// Held here as well so Teardown can end it even when Setup failed (typed Teardown would then throw).
BuildContext build = null;

Setup<BuildContext>(ctx => build = BuildSetup.Start(
    ctx.Arguments.GetArguments(),
    ctx.TasksToExecute.Select(task => task.Name),
    ctx.Environment.WorkingDirectory.FullPath,
    line => ctx.Log.Information("{0}", line)));

Teardown(ctx => build?.Finish(ctx.ThrownException));

Task(TargetNames.Plan)
    .Description("Resolve the git ref, Python matrix and image references; print them and write artifacts/build-plan.json")
    .Does<BuildContext>(context => new PlanTarget(context).Run());

Task(TargetNames.DockerBase)
    .Description("Build the base image overwatch-base:pyX.Y.Z per Python version (slow; Publish never builds it)")
    .Does<BuildContext>(context => new DockerBaseTarget(context).Run());

Task(TargetNames.PublishBase)
    .Description("Build and push the base images, so CI machines pull them instead of compiling ROOT")
    .IsDependentOn(TargetNames.DockerBase)
    .Does<BuildContext>(context => new PublishBaseTarget(context).Run());

Task(TargetNames.DockerImage)
    .Description("Build the app image per Python version on its base image and apply every planned tag")
    .WithCriteria<BuildContext>((ctx, context) => DockerImageTarget.IsDue(context), NamedImage.NotBuilding)
    .Does<BuildContext>(context => new DockerImageTarget(context).Run());

Task(TargetNames.SmokeTest)
    .Description("Start each built app image on the smoke deployment of the images file; every program must run and its nginx answer in time (--skip-smoke-test skips it, saying so)")
    .IsDependentOn(TargetNames.DockerImage)
    .Does<BuildContext>(context => new SmokeTestTarget(context).Run());

Task(TargetNames.Push)
    .Description("Push the planned references (logs in with DOCKER_USERNAME/DOCKER_PASSWORD); skipped, saying why, when the tag policy does not publish the ref")
    .IsDependentOn(TargetNames.SmokeTest)
    .WithCriteria<BuildContext>((ctx, context) => PushTarget.IsDue(context), PushTarget.SkippedBecause)
    .Does<BuildContext>(context => new PushTarget(context).Run());

Task(TargetNames.Publish)
    .Description("Build the app images, smoke-test them, then push them when the tag policy says so")
    .IsDependentOn(TargetNames.Push);

Task(TargetNames.RenderConfig)
    .Description("Validate the deploy YAML (--deploy-config or $config) and render supervisor, nginx, uwsgi and ZEO configs into exec/")
    .Does<BuildContext>(context => new RenderConfigTarget(context).Run());

Task(TargetNames.Shell)
    .Description("Open a shell (or run --command) in the app image with data/ and exec/ mounted and secrets passed by name")
    .Does<BuildContext>(context => new ShellTarget(context).Run());

Task(TargetNames.Compose)
    .Description("Render exec/docker-compose.yml (nginx-proxy on nginxIP, Overwatch on externalIP), validate it with the compose tool; --up starts it")
    .Does<BuildContext>(context => new ComposeTarget(context).Run());

Task(TargetNames.SupervisorUpdate)
    .Description("Ask the supervisord of exec/config/supervisord.conf to reload its programs (supervisorctl update)")
    .Does<BuildContext>(context => new SupervisorUpdateTarget(context).Run());

Task(TargetNames.Default)
    .Description("Plan, then build the app images")
    .IsDependentOn(TargetNames.Plan)
    .IsDependentOn(TargetNames.DockerImage);

RunTarget(target);
