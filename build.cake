// Declares the targets and maps Cake's context onto the build library; all logic lives in build/.
#r "./.build/lib/Overwatch.Build.dll"
using Overwatch.Build.Targets;

var target = Argument("target", TargetNames.Default);

// Held here as well so Teardown can end it even when Setup failed (typed Teardown would then throw).
BuildSession session = null;

Setup<BuildSession>(ctx => session = BuildSession.Start(
    ctx.Arguments.GetArguments(),
    ctx.TasksToExecute.Select(task => task.Name),
    ctx.Environment.WorkingDirectory.FullPath,
    line => ctx.Log.Information("{0}", line)));

Teardown(ctx => session?.Dispose());

Task(TargetNames.Plan)
    .Description("Resolve the git ref, Python matrix and image references; print them and write artifacts/build-plan.json")
    .Does<BuildSession>(state => state.WritePlan());

Task(TargetNames.DockerBase)
    .Description("Build the base image overwatch-base:pyX.Y.Z per Python version (slow; Publish never builds it)")
    .Does<BuildSession>(state => state.BuildBaseImages());

Task(TargetNames.PublishBase)
    .Description("Build and push the base images, so CI machines pull them instead of compiling ROOT")
    .IsDependentOn(TargetNames.DockerBase)
    .Does<BuildSession>(state => state.PublishBaseImages());

Task(TargetNames.DockerImage)
    .Description("Build the app image per Python version on its base image and apply every planned tag")
    .Does<BuildSession>(state => state.BuildAppImages());

Task(TargetNames.Publish)
    .Description("Push the planned references when the tag policy says so (logs in with DOCKER_USERNAME/DOCKER_PASSWORD)")
    .IsDependentOn(TargetNames.DockerImage)
    .Does<BuildSession>(state => state.Publish());

Task(TargetNames.RenderConfig)
    .Description("Validate the deploy YAML (--deploy-config or $config) and render supervisor, nginx, uwsgi and ZEO configs into exec/")
    .Does<BuildSession>(state => state.RenderConfig());

Task(TargetNames.Shell)
    .Description("Open a shell (or run --command) in the app image with data/ and exec/ mounted and secrets passed by name")
    .Does<BuildSession>(state => state.OpenShell());

Task(TargetNames.Compose)
    .Description("Render exec/docker-compose.yml (nginx-proxy on nginxIP, Overwatch on externalIP), validate it with the compose tool; --up starts it")
    .Does<BuildSession>(state => state.Compose());

Task(TargetNames.SupervisorUpdate)
    .Description("Ask the supervisord of exec/config/supervisord.conf to reload its programs (supervisorctl update)")
    .Does<BuildSession>(state => state.UpdateSupervisor());

Task(TargetNames.Default)
    .Description("Plan, then build the app images")
    .IsDependentOn(TargetNames.Plan)
    .IsDependentOn(TargetNames.DockerImage);

RunTarget(target);
