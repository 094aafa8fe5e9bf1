//===- LightDwarf.cpp - keep only the debug info needed to call exports ---===//
//
// An LLVM 19 new-pass-manager plugin. The module pass "lightdwarf" trims the
// debug info of a module down to what a foreign-function binder needs to call
// the functions and reach the variables the module exports:
//
//   kept:    the DISubprogram of every exported function definition (external
//            linkage, default or protected visibility) with its parameters
//            (names and types), the DIGlobalVariableExpressions of exported
//            variables, and the whole type graph these reach;
//   dropped: everything else -- subprograms of static and hidden functions,
//            local variables, lexical blocks, inlining info, the line table
//            (every instruction's location), call-site info, retained types
//            and enums nothing kept reaches, imported entities, macros and the
//            debug info of non-exported variables.
//
// How parameter names survive: the AsmPrinter emits a DW_TAG_formal_parameter
// for every argument DILocalVariable in the subprogram's retainedNodes, but
// only when the function has a lexical scope, i.e. when at least one machine
// instruction carries a location in it. So the pass (1) collects each kept
// function's argument variables from its retainedNodes (clang retains them at
// -O1 and above) and from its debug records / llvm.dbg.* calls (at -O0 they are
// only referenced from #dbg_declare), (2) rebuilds the subprogram with exactly
// those arguments retained, scopeLine 0 and no call-site flag, and (3) gives
// the instructions of kept functions the single location `line 0, column 0` in
// that subprogram. Line 0 means "no source line": the line program then holds
// one line-0 row at each kept function's entry and nothing else. Instructions
// of all other functions get no location at all.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/DenseMap.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DebugProgramInstruction.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <algorithm>

using namespace llvm;

static cl::opt<bool> StripPaths(
    "lightdwarf-strip-paths", cl::init(false),
    cl::desc("lightdwarf: replace every file and directory name in the kept "
             "debug info with \"<stripped>\""));

static cl::opt<bool> Stats(
    "lightdwarf-stats", cl::init(false),
    cl::desc("lightdwarf: print one line of counts to stderr per run"));

static constexpr const char *Placeholder = "<stripped>";

namespace {

struct LightDwarfPass : PassInfoMixin<LightDwarfPass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &);
  // Also run on optnone functions and under -opt-bisect-limit: the pass only
  // edits debug info, and a half-trimmed module would be inconsistent.
  static bool isRequired() { return true; }
};

struct Counts {
  unsigned KeptFunctions = 0, DroppedSubprograms = 0, KeptParams = 0;
  unsigned KeptGlobals = 0, DroppedGlobals = 0, DroppedRecords = 0;
};

} // namespace

/// True for a definition the linker makes visible outside the object: not
/// local (static), not hidden. Protected counts as exported.
static bool isExported(const GlobalValue &GV) {
  if (GV.isDeclaration() || GV.hasLocalLinkage() ||
      GV.hasAvailableExternallyLinkage() || GV.hasAppendingLinkage())
    return false;
  return !GV.hasHiddenVisibility();
}

/// The functions and variables that are exported themselves or sit behind an
/// exported alias (`int pub(int) __attribute__((alias("impl")));` exports
/// impl's code under another name; a reader finds impl's DIE by address).
static SmallPtrSet<const GlobalObject *, 32> exportedObjects(Module &M) {
  SmallPtrSet<const GlobalObject *, 32> Out;
  for (GlobalObject &GO : M.global_objects())
    if (isExported(GO))
      Out.insert(&GO);
  for (GlobalAlias &GA : M.aliases())
    if (isExported(GA))
      if (const GlobalObject *GO = GA.getAliaseeObject())
        if (!GO->isDeclaration())
          Out.insert(GO);
  return Out;
}

/// The argument variables of \p SP, from its retainedNodes and from the
/// variable records / intrinsics in \p F, one per argument number, in order.
static SmallVector<DILocalVariable *, 8> collectParams(Function &F,
                                                       DISubprogram *SP) {
  MapVector<unsigned, DILocalVariable *> ByArg;
  auto Consider = [&](const DILocalVariable *V) {
    if (V && V->isParameter() && V->getScope() == SP)
      ByArg.insert({V->getArg(), const_cast<DILocalVariable *>(V)});
  };
  for (const DINode *N : SP->getRetainedNodes())
    Consider(dyn_cast<DILocalVariable>(N));
  for (Instruction &I : instructions(F)) {
    for (DbgVariableRecord &DVR : filterDbgVars(I.getDbgRecordRange()))
      Consider(DVR.getVariable());
    if (auto *DVI = dyn_cast<DbgVariableIntrinsic>(&I))
      Consider(DVI->getVariable());
  }
  SmallVector<DILocalVariable *, 8> Params;
  for (auto &KV : ByArg)
    Params.push_back(KV.second);
  llvm::sort(Params, [](const DILocalVariable *A, const DILocalVariable *B) {
    return A->getArg() < B->getArg(); // argument numbers are unique here
  });
  return Params;
}

/// A fresh distinct copy of \p SP that keeps its declaration-level facts
/// (scope, names, type, flags, template params) and retains exactly copies of
/// \p Params. Its line, scopeLine and its parameters' lines become 0: the
/// AsmPrinter then writes no DW_AT_decl_file/DW_AT_decl_line for them (a binder
/// has no use for where a function was declared, and they were a tenth of a
/// sidecar), and the function-entry row says "no line". DIFlagAllCallsDescribed
/// goes, so no DW_TAG_call_site entries are produced.
static DISubprogram *rebuildSubprogram(DISubprogram *SP,
                                       ArrayRef<DILocalVariable *> Params) {
  LLVMContext &Ctx = SP->getContext();
  DISubprogram *NewSP = DISubprogram::getDistinct(
      Ctx, SP->getScope(), SP->getName(), SP->getLinkageName(), SP->getFile(),
      /*Line=*/0, SP->getType(), /*ScopeLine=*/0, SP->getContainingType(),
      SP->getVirtualIndex(), SP->getThisAdjustment(),
      SP->getFlags() & ~DINode::FlagAllCallsDescribed, SP->getSPFlags(),
      SP->getUnit(), SP->getTemplateParams(), SP->getDeclaration(),
      /*RetainedNodes=*/nullptr, SP->getThrownTypes(), SP->getAnnotations(),
      SP->getTargetFuncName());
  SmallVector<Metadata *, 8> Retained;
  for (DILocalVariable *V : Params)
    Retained.push_back(DILocalVariable::get(
        Ctx, NewSP, V->getName(), V->getFile(), /*Line=*/0, V->getType(),
        V->getArg(), V->getFlags(), V->getAlignInBits(), V->getAnnotations()));
  if (!Retained.empty())
    NewSP->replaceRetainedNodes(MDTuple::get(Ctx, Retained));
  return NewSP;
}

/// Removes every piece of debug info attached to the instructions of \p F
/// (variable and label records, llvm.dbg.* calls, assignment IDs, locations
/// in loop metadata) and sets each instruction's location to \p Loc, which is
/// null or a line-0 location in F's own subprogram.
static unsigned stripInstructions(Function &F, DILocation *Loc) {
  unsigned Dropped = 0;
  auto DropLoopLocs = [](Metadata *MD) -> Metadata * {
    return isa<DILocation>(MD) ? nullptr : MD;
  };
  for (BasicBlock &BB : F) {
    for (Instruction &I : llvm::make_early_inc_range(BB)) {
      if (isa<DbgInfoIntrinsic>(I)) {
        I.eraseFromParent();
        ++Dropped;
        continue;
      }
      if (I.DebugMarker) {
        Dropped += std::distance(I.getDbgRecordRange().begin(),
                                 I.getDbgRecordRange().end());
        I.dropDbgRecords();
      }
      I.setMetadata(LLVMContext::MD_DIAssignID, nullptr);
      I.setMetadata("heapallocsite", nullptr);
      updateLoopMetadataDebugLocations(I, DropLoopLocs);
      I.setDebugLoc(DebugLoc(Loc));
    }
    if (BB.getTrailingDbgRecords()) // only mid-transformation, but be sure
      BB.deleteTrailingDbgRecords();
  }
  return Dropped;
}

/// Every metadata node reachable from \p Roots through operands, without
/// entering compile units (which reference everything in the module).
static SmallPtrSet<const MDNode *, 32>
reachableFrom(ArrayRef<const MDNode *> Roots,
              const DenseMap<const MDNode *, DICompositeType *> &Definitions) {
  SmallPtrSet<const MDNode *, 32> Seen;
  SmallVector<const MDNode *, 64> Work(Roots.begin(), Roots.end());
  while (!Work.empty()) {
    const MDNode *N = Work.pop_back_val();
    if (!N || isa<DICompileUnit>(N) || !Seen.insert(N).second)
      continue;
    // A declaration stands for its definition (see definitionsOfDeclarations).
    if (auto It = Definitions.find(N); It != Definitions.end())
      Work.push_back(It->second);
    for (const MDOperand &Op : N->operands())
      if (auto *Child = dyn_cast_or_null<MDNode>(Op.get()))
        Work.push_back(Child);
  }
  return Seen;
}

/// The key under which equal definitions are one: kind, name, size and member
/// names. (Members are compared by name, not by type: a struct of the same tag,
/// size and member names in two units of one library is the same struct.)
static std::string definitionKey(const DICompositeType *CT) {
  std::string Key;
  raw_string_ostream OS(Key);
  OS << CT->getTag() << ' ' << CT->getName() << ' ' << CT->getSizeInBits();
  for (const DINode *E : CT->getElements())
    if (E)
      if (auto *N = dyn_cast<DINode>(E))
        if (auto *Member = dyn_cast<DIDerivedType>(N))
          OS << ' ' << Member->getName() << '@' << Member->getOffsetInBits();
        else if (auto *En = dyn_cast<DIEnumerator>(N))
          OS << ' ' << En->getName() << '=' << En->getValue();
  return Key;
}

/// Struct, union and enum nodes of the module mapped to the definition that
/// stands for them: a declaration to a definition of the same kind and name
/// elsewhere in the module, and a definition to the first equal one (see
/// definitionKey). In a per-unit run a unit that only declares a struct has no
/// definition to point to; in a link-time run the merged module holds every
/// unit: zlib's deflate.c, which only declares `struct static_tree_desc_s`,
/// gets trees.c's definition, and the 15 copies of `z_stream` (one per unit
/// that includes zlib.h) become one, so the library has one type graph. Found
/// before anything is dropped: a definition may hang off a static function.
static DenseMap<const MDNode *, DICompositeType *>
definitionsOfDeclarations(Module &M) {
  DebugInfoFinder Finder;
  Finder.processModule(M);
  DenseMap<std::pair<unsigned, StringRef>, DICompositeType *> ByName;
  StringMap<DICompositeType *> ByKey;
  SmallVector<DICompositeType *, 16> Decls;
  DenseMap<const MDNode *, DICompositeType *> Out;
  for (DIType *T : Finder.types()) {
    auto *CT = dyn_cast<DICompositeType>(T);
    if (!CT || CT->getName().empty())
      continue;
    unsigned Tag = CT->getTag();
    if (Tag != dwarf::DW_TAG_structure_type && Tag != dwarf::DW_TAG_union_type &&
        Tag != dwarf::DW_TAG_enumeration_type)
      continue;
    if (CT->isForwardDecl()) {
      Decls.push_back(CT);
      continue;
    }
    ByName.try_emplace({Tag, CT->getName()}, CT);
    auto [It, New] = ByKey.try_emplace(definitionKey(CT), CT);
    if (!New && It->second != CT)
      Out[CT] = It->second;
  }
  for (DICompositeType *D : Decls)
    if (auto It = ByName.find({D->getTag(), D->getName()}); It != ByName.end())
      Out[D] = It->second;
  return Out;
}

template <typename T, typename Range, typename Pred>
static MDTuple *filteredTuple(LLVMContext &Ctx, Range R, Pred Keep) {
  SmallVector<Metadata *, 16> Out;
  for (T *N : R)
    if (N && Keep(N))
      Out.push_back(N);
  return Out.empty() ? nullptr : MDTuple::get(Ctx, Out);
}

/// A kept function: its old subprogram and the rebuilt one.
struct KeptFunction {
  Function *F;
  DISubprogram *OldSP;
  DISubprogram *NewSP;
};

/// Rewrites the kept debug-info graph: references to a kept function's old
/// subprogram (the scope of a type local to that function, say) go to the new
/// one; with -lightdwarf-strip-paths every file becomes the placeholder, else
/// only source text embedded by -gembed-source is dropped. Distinct nodes
/// (units, subprograms, variables) are updated in place, uniqued ones (types,
/// ...) re-created, and the attachments of functions and variables follow.
static void remapKeptGraph(Module &M,
                           const SmallPtrSetImpl<const MDNode *> &Reached,
                           ArrayRef<KeptFunction> KeptFns,
                           const DenseMap<const MDNode *, DICompositeType *> &Definitions) {
  LLVMContext &Ctx = M.getContext();
  DIFile *Stripped = DIFile::get(Ctx, Placeholder, Placeholder);
  ValueToValueMapTy VM;
  for (const KeptFunction &K : KeptFns)
    if (Reached.count(K.OldSP))
      VM.MD()[K.OldSP].reset(K.NewSP);
  for (const auto &[Decl, Def] : Definitions)
    if (Reached.count(Decl))
      VM.MD()[Decl].reset(Def);
  // A merged module (link time) becomes one compile unit: every other unit is
  // mapped to the first, so its subprograms, variables and line rows join it.
  DICompileUnit *Main = nullptr;
  for (DICompileUnit *CU : M.debug_compile_units()) {
    if (!Main)
      Main = CU;
    else
      VM.MD()[CU].reset(Main);
  }
  auto MapFile = [&](const MDNode *N) {
    auto *File = const_cast<DIFile *>(dyn_cast_or_null<DIFile>(N));
    if (!File || File == Stripped)
      return;
    DIFile *New = File;
    if (StripPaths)
      New = Stripped;
    else if (File->getSource())
      New = DIFile::get(Ctx, File->getFilename(), File->getDirectory(),
                        File->getChecksum(), std::nullopt);
    if (New != File)
      VM.MD()[File].reset(New);
  };
  for (const MDNode *N : Reached)
    MapFile(N);
  for (DICompileUnit *CU : M.debug_compile_units())
    MapFile(CU->getFile());
  if (VM.MD().empty())
    return;

  const RemapFlags Flags = RF_ReuseAndMutateDistinctMDs;
  // What the units list (enums, retained types, variables), gathered into the one kept.
  SmallVector<DICompositeType *, 16> Enums;
  SmallVector<DIScope *, 16> Retained;
  SmallVector<DIGlobalVariableExpression *, 16> Globals;
  SmallVector<DICompileUnit *, 4> Units(M.debug_compile_units().begin(), M.debug_compile_units().end());
  for (DICompileUnit *CU : Units) {
    for (DICompositeType *E : CU->getEnumTypes()) Enums.push_back(E);
    for (DIScope *T : CU->getRetainedTypes()) Retained.push_back(T);
    for (DIGlobalVariableExpression *G : CU->getGlobalVariables()) Globals.push_back(G);
  }
  for (DICompileUnit *CU : Units)
    MapMetadata(CU, VM, Flags);
  for (const KeptFunction &K : KeptFns)
    K.F->setSubprogram(cast<DISubprogram>(MapMetadata(K.NewSP, VM, Flags)));
  for (GlobalVariable &GV : M.globals()) {
    SmallVector<DIGlobalVariableExpression *, 1> GVEs;
    GV.getDebugInfo(GVEs);
    if (GVEs.empty())
      continue;
    GV.eraseMetadata(LLVMContext::MD_dbg);
    for (DIGlobalVariableExpression *GVE : GVEs)
      GV.addDebugInfo(
          cast<DIGlobalVariableExpression>(MapMetadata(GVE, VM, Flags)));
  }
  if (Units.size() > 1) {
    auto Mapped = [&](auto *N) { return cast<std::remove_pointer_t<decltype(N)>>(MapMetadata(N, VM, Flags)); };
    SmallVector<Metadata *, 16> E, R, G;
    SmallPtrSet<Metadata *, 16> Seen;
    for (DICompositeType *N : Enums) if (Seen.insert(Mapped(N)).second) E.push_back(Mapped(N));
    for (DIScope *N : Retained) if (Seen.insert(Mapped(N)).second) R.push_back(Mapped(N));
    for (DIGlobalVariableExpression *N : Globals) if (Seen.insert(Mapped(N)).second) G.push_back(Mapped(N));
    Main->replaceEnumTypes(DICompositeTypeArray(E.empty() ? nullptr : MDTuple::get(Ctx, E)));
    Main->replaceRetainedTypes(DITypeArray(R.empty() ? nullptr : MDTuple::get(Ctx, R)));
    Main->replaceGlobalVariables(DIGlobalVariableExpressionArray(G.empty() ? nullptr : MDTuple::get(Ctx, G)));
    NamedMDNode *CUs = M.getNamedMetadata("llvm.dbg.cu");
    CUs->clearOperands();
    CUs->addOperand(Main);
  }
}

PreservedAnalyses LightDwarfPass::run(Module &M, ModuleAnalysisManager &) {
  if (M.debug_compile_units().empty())
    return PreservedAnalyses::all();

  LLVMContext &Ctx = M.getContext();
  Counts C;
  const DenseMap<const MDNode *, DICompositeType *> Definitions =
      definitionsOfDeclarations(M);
  SmallVector<const MDNode *, 64> Roots;
  SmallVector<KeptFunction, 32> KeptFns;
  const SmallPtrSet<const GlobalObject *, 32> Exported = exportedObjects(M);

  // Functions: rebuild the subprograms of exported definitions, detach all
  // others (including call-site declarations on function declarations), and
  // strip every instruction.
  for (Function &F : M) {
    DISubprogram *SP = F.getSubprogram();
    DISubprogram *NewSP = nullptr;
    if (SP && Exported.count(&F) && SP->isDefinition() && SP->getUnit() &&
        SP->getUnit()->getEmissionKind() != DICompileUnit::NoDebug) {
      SmallVector<DILocalVariable *, 8> Params = collectParams(F, SP);
      NewSP = rebuildSubprogram(SP, Params);
      C.KeptParams += Params.size();
      ++C.KeptFunctions;
      KeptFns.push_back({&F, SP, NewSP});
      Roots.push_back(NewSP);
    } else if (SP) {
      ++C.DroppedSubprograms;
    }
    F.setSubprogram(NewSP);
    DILocation *Loc = NewSP ? DILocation::get(Ctx, 0, 0, NewSP) : nullptr;
    C.DroppedRecords += stripInstructions(F, Loc);
  }

  // Variables: keep the expressions attached to exported definitions.
  SmallPtrSet<const DIGlobalVariableExpression *, 32> KeptGVEs;
  for (GlobalVariable &GV : M.globals()) {
    SmallVector<DIGlobalVariableExpression *, 1> GVEs;
    GV.getDebugInfo(GVEs);
    if (GVEs.empty())
      continue;
    if (Exported.count(&GV)) {
      for (DIGlobalVariableExpression *GVE : GVEs) {
        KeptGVEs.insert(GVE);
        Roots.push_back(GVE);
      }
      ++C.KeptGlobals;
    } else {
      GV.eraseMetadata(LLVMContext::MD_dbg);
      ++C.DroppedGlobals;
    }
  }

  // Compile units: keep only what the kept entities reach.
  SmallPtrSet<const MDNode *, 32> Reached = reachableFrom(Roots, Definitions);
  auto IsReached = [&](const MDNode *N) { return Reached.count(N) != 0; };
  for (DICompileUnit *CU : M.debug_compile_units()) {
    CU->replaceEnumTypes(DICompositeTypeArray(
        filteredTuple<DICompositeType>(Ctx, CU->getEnumTypes(), IsReached)));
    CU->replaceRetainedTypes(DITypeArray(filteredTuple<DIScope>(
        Ctx, CU->getRetainedTypes(), [&](DIScope *N) { return IsReached(N); })));
    CU->replaceGlobalVariables(
        DIGlobalVariableExpressionArray(filteredTuple<DIGlobalVariableExpression>(
            Ctx, CU->getGlobalVariables(),
            [&](DIGlobalVariableExpression *N) { return KeptGVEs.count(N); })));
    CU->replaceImportedEntities(DIImportedEntityArray());
    CU->replaceMacros(DIMacroNodeArray());
  }

  remapKeptGraph(M, Reached, KeptFns, Definitions);

  // The llvm.dbg.* declarations of modules in the intrinsic format are unused now.
  for (Function &F : llvm::make_early_inc_range(M))
    if (F.isDeclaration() && F.use_empty() && F.getName().starts_with("llvm.dbg."))
      F.eraseFromParent();

  if (Stats)
    errs() << "lightdwarf: " << M.getModuleIdentifier() << ": kept "
           << C.KeptFunctions << " functions (" << C.KeptParams
           << " parameters) and " << C.KeptGlobals << " variables; dropped "
           << C.DroppedSubprograms << " subprograms, " << C.DroppedGlobals
           << " variables, " << C.DroppedRecords << " debug records\n";
  return PreservedAnalyses::none();
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "LightDwarf", LLVM_VERSION_STRING,
          [](PassBuilder &PB) {
            // opt -load-pass-plugin=LightDwarf.so -passes=lightdwarf
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name != "lightdwarf")
                    return false;
                  MPM.addPass(LightDwarfPass());
                  return true;
                });
            // clang -fpass-plugin=LightDwarf.so: in LLVM 19 the -O0 pipeline
            // (buildO0DefaultPipeline) invokes the optimizer-last callbacks
            // too, so this single registration runs the pass exactly once at
            // every level, after all IR optimisation.
            PB.registerOptimizerLastEPCallback(
                [](ModulePassManager &MPM, OptimizationLevel) {
                  MPM.addPass(LightDwarfPass());
                });
            // ld.lld -flto --load-pass-plugin=LightDwarf.so: at the end of the
            // full-LTO pipeline the pass sees the whole library as one merged
            // module, after the linker internalized what the version script
            // does not export, so it keeps one type graph for the library (a
            // struct defined in one unit and used through another complete).
            // Only the link-time run may trim: compile with -flto but without
            // -fpass-plugin, or the per-unit run trims first.
            PB.registerFullLinkTimeOptimizationLastEPCallback(
                [](ModulePassManager &MPM, OptimizationLevel) {
                  MPM.addPass(LightDwarfPass());
                });
          }};
}
