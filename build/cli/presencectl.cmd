@echo off
rem presencectl for the installed Presence Tray (Windows), in the app resources\cli folder.
rem With Node.js on the PATH it runs the bundled client. Otherwise it runs "Presence Tray.exe" as the
rem command line: a windowed program gets no console, so its output is caught in a file and printed here
rem once it ends (watch prints nothing until it ends: use Node, or pipe the exe to more, for watch).
setlocal
set "bundle=%~dp0..\app.asar.unpacked\dist\presencectl.mjs"
where node >nul 2>nul
if errorlevel 1 goto app
if not exist "%bundle%" goto app
node "%bundle%" %*
exit /b %ERRORLEVEL%
:app
set "out=%TEMP%\presencectl-%RANDOM%%RANDOM%.txt"
"%~dp0..\..\Presence Tray.exe" --presencectl %* > "%out%" 2>&1
set "code=%ERRORLEVEL%"
type "%out%"
del "%out%" >nul 2>nul
exit /b %code%
