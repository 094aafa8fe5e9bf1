// A user's application as a named module: reads dwarfbind's loader, exports one API package and
// keeps its main package closed, which is what ModulePathTest checks the loader copes with.
module demo.app {
    requires dev.dwarfbind.loader;
    exports demo.app.api;
}
