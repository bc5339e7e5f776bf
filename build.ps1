#!/usr/bin/env pwsh
# Bootstraps the build on PowerShell 7, as build.sh does: restores the pinned Cake tool, builds the build
# library when its sources changed, then runs build.cake with every argument passed through. Exits with
# Cake's exit code. Its stamps are build.sh's, so the two scripts share .build/ on one checkout.
# 7.3 passes arguments with spaces and quotes to dotnet unchanged; Windows PowerShell 5.1 is refused here.
#Requires -Version 7.3
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Set-Location -LiteralPath $PSScriptRoot

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
$env:CAKE_SETTINGS_ENABLESCRIPTCACHE = 'true'

# What build.sh's stamp is: sha256sum's output for the files ("HASH  PATH" per file, one per line).
function Get-Stamp([string[]] $Paths) {
    $lines = foreach ($path in $Paths) {
        '{0}  {1}' -f (Get-FileHash -Algorithm SHA256 -LiteralPath $path).Hash.ToLowerInvariant(), $path
    }
    $lines -join "`n"
}

function Read-Stamp([string] $Path) {
    if (Test-Path -LiteralPath $Path) { (Get-Content -Raw -LiteralPath $Path).Trim() } else { '' }
}

function Write-Stamp([string] $Path, [string] $Stamp) {
    [IO.File]::WriteAllText((Join-Path $PWD.Path $Path), "$Stamp`n")
}

# Progress and tool chatter go to stderr, so stdout carries only what Cake prints.
function Write-Note([string] $Line) { [Console]::Error.WriteLine($Line) }

New-Item -ItemType Directory -Force -Path .build | Out-Null

# As build.sh: the stamp says the manifest was restored, and Cake's package must be in this user's NuGet packages
# folder too (another user, or sudo, has another); a NuGet.config naming another folder is remembered in the stamp.
$toolsStamp = Get-Stamp @('.config/dotnet-tools.json')
$cakeVersion = if ((Get-Content -Raw -LiteralPath .config/dotnet-tools.json) -match '"cake\.tool"[^}]*"version"\s*:\s*"([^"]+)"') { $Matches[1] } else { 'unknown' }
$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
function Test-CakeRestored { Test-Path -LiteralPath (Join-Path $packages "cake.tool/$cakeVersion/cake.tool.$cakeVersion.nupkg.sha512") -PathType Leaf }
$unseenStamp = "$toolsStamp`nrestored where a NuGet.config says, not in $packages"
$storedTools = Read-Stamp .build/tools.stamp
if (-not ($storedTools -ceq $toolsStamp -and (Test-CakeRestored)) -and $storedTools -cne $unseenStamp) {
    dotnet tool restore 2>&1 | ForEach-Object { Write-Note "$_" }
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    Write-Stamp .build/tools.stamp $(if (Test-CakeRestored) { $toolsStamp } else { $unseenStamp })
}

$cakeArgs = @()
# The files build.sh's find lists: *.cs and *.csproj under build/ outside bin/ and obj/, in byte order.
[string[]] $libSources = @(Get-ChildItem -LiteralPath build -Recurse -File -Force |
    Where-Object { $_.Extension -cin '.cs', '.csproj' } |
    ForEach-Object { [IO.Path]::GetRelativePath($PWD.Path, $_.FullName).Replace('\', '/') } |
    Where-Object { $_ -notmatch '/(bin|obj)/' })
[Array]::Sort($libSources, [StringComparer]::Ordinal)
$libStamp = Get-Stamp (@('global.json') + $libSources)
if ((Read-Stamp .build/lib.stamp) -cne $libStamp -or -not (Test-Path -LiteralPath .build/lib/Overwatch.Build.dll)) {
    Write-Note 'Building the build library (build/Overwatch.Build)...'
    # Published ReadyToRun for this machine's runtime, as build.sh does (see the .csproj).
    $out = dotnet publish build/Overwatch.Build/Overwatch.Build.csproj -c Release --use-current-runtime --self-contained false `
        -o .build/lib -nologo -v q 2>&1
    if ($LASTEXITCODE -ne 0) {
        $out | ForEach-Object { Write-Note "$_" }
        Write-Note 'error: the build library failed to compile (see above)'
        exit 1
    }
    Write-Stamp .build/lib.stamp $libStamp
}

# As build.sh: the script cache is keyed on build.cake's text only, so a changed library (or script)
# recompiles it once, whichever script notices; the stamp (the library's plus build.cake's line) tells
# the other script it is done.
$scriptStamp = $libStamp + "`n" + (Get-Stamp @('build.cake'))
if ((Read-Stamp .build/script.stamp) -cne $scriptStamp) {
    Write-Stamp .build/script.stamp $scriptStamp
    $cakeArgs += '--invalidate-script-cache'
}

dotnet cake build.cake @cakeArgs @args
exit $LASTEXITCODE
