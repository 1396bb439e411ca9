/** What every command shares: database and read options, {@code --verbose}, exit codes, error reporting, the terminal and its status line and progress bar, the library's log routing. */
package dev.dbtlens.cli.support;
