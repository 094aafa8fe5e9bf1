package dev.dwarfbind.llvm.c;


import java.lang.foreign.MemoryLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Downcall handles for reading a parsed module: its functions, globals and instructions
 * ({@code llvm-c/Core.h}) and their debug metadata ({@code llvm-c/DebugInfo.h}). Kept apart from
 * {@link LibLlvm}, which holds what the JIT needs, so that the two evolve independently; both find
 * their functions in the one libLLVM {@link LlvmSymbols} loads.
 */
public final class LibLlvmIr {

    // Core.h: contexts and modules
    /** {@code LLVMContextRef LLVMContextCreate(void)}. */
    public static final MethodHandle CONTEXT_CREATE = fn("LLVMContextCreate", ADDRESS);
    /** {@code void LLVMContextDispose(LLVMContextRef)}. */
    public static final MethodHandle CONTEXT_DISPOSE = proc("LLVMContextDispose", ADDRESS);
    /** {@code void LLVMSetIsNewDbgInfoFormat(LLVMModuleRef, LLVMBool)}: false turns debug records into {@code llvm.dbg.*} calls. */
    public static final MethodHandle SET_IS_NEW_DBG_INFO_FORMAT = proc("LLVMSetIsNewDbgInfoFormat", ADDRESS, JAVA_INT);
    /** {@code unsigned LLVMGetModuleDebugMetadataVersion(LLVMModuleRef)}: 0 when the module has no debug info. */
    public static final MethodHandle GET_MODULE_DEBUG_METADATA_VERSION = fn("LLVMGetModuleDebugMetadataVersion", JAVA_INT, ADDRESS);
    /** {@code unsigned LLVMGetNamedMetadataNumOperands(LLVMModuleRef, const char *)}. */
    public static final MethodHandle GET_NAMED_METADATA_NUM_OPERANDS = fn("LLVMGetNamedMetadataNumOperands", JAVA_INT, ADDRESS, ADDRESS);
    /** {@code void LLVMGetNamedMetadataOperands(LLVMModuleRef, const char *, LLVMValueRef *)}. */
    public static final MethodHandle GET_NAMED_METADATA_OPERANDS = proc("LLVMGetNamedMetadataOperands", ADDRESS, ADDRESS, ADDRESS);
    // Core.h: globals, functions, instructions
    /** {@code LLVMValueRef LLVMGetFirstFunction(LLVMModuleRef)}. */
    public static final MethodHandle GET_FIRST_FUNCTION = fn("LLVMGetFirstFunction", ADDRESS, ADDRESS);
    /** {@code LLVMValueRef LLVMGetNextFunction(LLVMValueRef)}. */
    public static final MethodHandle GET_NEXT_FUNCTION = fn("LLVMGetNextFunction", ADDRESS, ADDRESS);
    /** {@code LLVMValueRef LLVMGetFirstGlobal(LLVMModuleRef)}. */
    public static final MethodHandle GET_FIRST_GLOBAL = fn("LLVMGetFirstGlobal", ADDRESS, ADDRESS);
    /** {@code LLVMValueRef LLVMGetNextGlobal(LLVMValueRef)}. */
    public static final MethodHandle GET_NEXT_GLOBAL = fn("LLVMGetNextGlobal", ADDRESS, ADDRESS);
    /** {@code const char *LLVMGetValueName2(LLVMValueRef, size_t *)}. */
    public static final MethodHandle GET_VALUE_NAME2 = fn("LLVMGetValueName2", ADDRESS, ADDRESS, ADDRESS);
    /** {@code LLVMBool LLVMIsDeclaration(LLVMValueRef)}. */
    public static final MethodHandle IS_DECLARATION = fn("LLVMIsDeclaration", JAVA_INT, ADDRESS);
    /** {@code LLVMLinkage LLVMGetLinkage(LLVMValueRef)}. */
    public static final MethodHandle GET_LINKAGE = fn("LLVMGetLinkage", JAVA_INT, ADDRESS);
    /** {@code LLVMVisibility LLVMGetVisibility(LLVMValueRef)}. */
    public static final MethodHandle GET_VISIBILITY = fn("LLVMGetVisibility", JAVA_INT, ADDRESS);
    /** {@code LLVMBool LLVMIsThreadLocal(LLVMValueRef)}. */
    public static final MethodHandle IS_THREAD_LOCAL = fn("LLVMIsThreadLocal", JAVA_INT, ADDRESS);
    /** {@code LLVMValueMetadataEntry *LLVMGlobalCopyAllMetadata(LLVMValueRef, size_t *)}. */
    public static final MethodHandle GLOBAL_COPY_ALL_METADATA = fn("LLVMGlobalCopyAllMetadata", ADDRESS, ADDRESS, ADDRESS);
    /** {@code unsigned LLVMValueMetadataEntriesGetKind(LLVMValueMetadataEntry *, unsigned)}. */
    public static final MethodHandle VALUE_METADATA_ENTRIES_GET_KIND = fn("LLVMValueMetadataEntriesGetKind", JAVA_INT, ADDRESS, JAVA_INT);
    /** {@code LLVMMetadataRef LLVMValueMetadataEntriesGetMetadata(LLVMValueMetadataEntry *, unsigned)}. */
    public static final MethodHandle VALUE_METADATA_ENTRIES_GET_METADATA =
            fn("LLVMValueMetadataEntriesGetMetadata", ADDRESS, ADDRESS, JAVA_INT);
    /** {@code void LLVMDisposeValueMetadataEntries(LLVMValueMetadataEntry *)}. */
    public static final MethodHandle DISPOSE_VALUE_METADATA_ENTRIES = proc("LLVMDisposeValueMetadataEntries", ADDRESS);
    /** {@code unsigned LLVMGetMDKindIDInContext(LLVMContextRef, const char *, unsigned)}. */
    public static final MethodHandle GET_MD_KIND_ID_IN_CONTEXT = fn("LLVMGetMDKindIDInContext", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    /** {@code LLVMBasicBlockRef LLVMGetFirstBasicBlock(LLVMValueRef)}. */
    public static final MethodHandle GET_FIRST_BASIC_BLOCK = fn("LLVMGetFirstBasicBlock", ADDRESS, ADDRESS);
    /** {@code LLVMBasicBlockRef LLVMGetNextBasicBlock(LLVMBasicBlockRef)}. */
    public static final MethodHandle GET_NEXT_BASIC_BLOCK = fn("LLVMGetNextBasicBlock", ADDRESS, ADDRESS);
    /** {@code LLVMValueRef LLVMGetFirstInstruction(LLVMBasicBlockRef)}. */
    public static final MethodHandle GET_FIRST_INSTRUCTION = fn("LLVMGetFirstInstruction", ADDRESS, ADDRESS);
    /** {@code LLVMValueRef LLVMGetNextInstruction(LLVMValueRef)}. */
    public static final MethodHandle GET_NEXT_INSTRUCTION = fn("LLVMGetNextInstruction", ADDRESS, ADDRESS);
    /** {@code LLVMValueRef LLVMIsACallInst(LLVMValueRef)}. */
    public static final MethodHandle IS_A_CALL_INST = fn("LLVMIsACallInst", ADDRESS, ADDRESS);
    /** {@code LLVMValueRef LLVMGetCalledValue(LLVMValueRef)}. */
    public static final MethodHandle GET_CALLED_VALUE = fn("LLVMGetCalledValue", ADDRESS, ADDRESS);
    /** {@code int LLVMGetNumOperands(LLVMValueRef)}. */
    public static final MethodHandle GET_NUM_OPERANDS = fn("LLVMGetNumOperands", JAVA_INT, ADDRESS);
    /** {@code LLVMValueRef LLVMGetOperand(LLVMValueRef, unsigned)}. */
    public static final MethodHandle GET_OPERAND = fn("LLVMGetOperand", ADDRESS, ADDRESS, JAVA_INT);
    /** {@code char *LLVMPrintValueToString(LLVMValueRef)}: for metadata, the node in LLVM's assembly syntax. */
    public static final MethodHandle PRINT_VALUE_TO_STRING = fn("LLVMPrintValueToString", ADDRESS, ADDRESS);
    // Core.h: metadata as values, and back
    /** {@code LLVMValueRef LLVMMetadataAsValue(LLVMContextRef, LLVMMetadataRef)}. */
    public static final MethodHandle METADATA_AS_VALUE = fn("LLVMMetadataAsValue", ADDRESS, ADDRESS, ADDRESS);
    /** {@code LLVMMetadataRef LLVMValueAsMetadata(LLVMValueRef)}. */
    public static final MethodHandle VALUE_AS_METADATA = fn("LLVMValueAsMetadata", ADDRESS, ADDRESS);
    /** {@code LLVMValueRef LLVMIsAMDNode(LLVMValueRef)}. */
    public static final MethodHandle IS_A_MD_NODE = fn("LLVMIsAMDNode", ADDRESS, ADDRESS);
    /** {@code LLVMValueRef LLVMIsAMDString(LLVMValueRef)}. */
    public static final MethodHandle IS_A_MD_STRING = fn("LLVMIsAMDString", ADDRESS, ADDRESS);
    /** {@code const char *LLVMGetMDString(LLVMValueRef, unsigned *)}. */
    public static final MethodHandle GET_MD_STRING = fn("LLVMGetMDString", ADDRESS, ADDRESS, ADDRESS);
    /** {@code unsigned LLVMGetMDNodeNumOperands(LLVMValueRef)}. */
    public static final MethodHandle GET_MD_NODE_NUM_OPERANDS = fn("LLVMGetMDNodeNumOperands", JAVA_INT, ADDRESS);
    /** {@code void LLVMGetMDNodeOperands(LLVMValueRef, LLVMValueRef *)}: null operands come back as null. */
    public static final MethodHandle GET_MD_NODE_OPERANDS = proc("LLVMGetMDNodeOperands", ADDRESS, ADDRESS);
    /** {@code LLVMValueRef LLVMIsAConstantInt(LLVMValueRef)}. */
    public static final MethodHandle IS_A_CONSTANT_INT = fn("LLVMIsAConstantInt", ADDRESS, ADDRESS);
    /** {@code long long LLVMConstIntGetSExtValue(LLVMValueRef)}. */
    public static final MethodHandle CONST_INT_GET_SEXT_VALUE = fn("LLVMConstIntGetSExtValue", JAVA_LONG, ADDRESS);
    // DebugInfo.h
    /** {@code LLVMMetadataKind LLVMGetMetadataKind(LLVMMetadataRef)}. */
    public static final MethodHandle GET_METADATA_KIND = fn("LLVMGetMetadataKind", JAVA_INT, ADDRESS);
    /** {@code uint16_t LLVMGetDINodeTag(LLVMMetadataRef)}. */
    public static final MethodHandle GET_DI_NODE_TAG = fn("LLVMGetDINodeTag", JAVA_SHORT, ADDRESS);
    /** {@code LLVMMetadataRef LLVMGetSubprogram(LLVMValueRef)}. */
    public static final MethodHandle GET_SUBPROGRAM = fn("LLVMGetSubprogram", ADDRESS, ADDRESS);
    /** {@code const char *LLVMDITypeGetName(LLVMMetadataRef, size_t *)}. */
    public static final MethodHandle DI_TYPE_GET_NAME = fn("LLVMDITypeGetName", ADDRESS, ADDRESS, ADDRESS);
    /** {@code uint64_t LLVMDITypeGetSizeInBits(LLVMMetadataRef)}. */
    public static final MethodHandle DI_TYPE_GET_SIZE_IN_BITS = fn("LLVMDITypeGetSizeInBits", JAVA_LONG, ADDRESS);
    /** {@code uint64_t LLVMDITypeGetOffsetInBits(LLVMMetadataRef)}. */
    public static final MethodHandle DI_TYPE_GET_OFFSET_IN_BITS = fn("LLVMDITypeGetOffsetInBits", JAVA_LONG, ADDRESS);
    /** {@code uint32_t LLVMDITypeGetAlignInBits(LLVMMetadataRef)}. */
    public static final MethodHandle DI_TYPE_GET_ALIGN_IN_BITS = fn("LLVMDITypeGetAlignInBits", JAVA_INT, ADDRESS);
    /** {@code LLVMDIFlags LLVMDITypeGetFlags(LLVMMetadataRef)}. */
    public static final MethodHandle DI_TYPE_GET_FLAGS = fn("LLVMDITypeGetFlags", JAVA_INT, ADDRESS);
    /** {@code LLVMMetadataRef LLVMDIGlobalVariableExpressionGetVariable(LLVMMetadataRef)}. */
    public static final MethodHandle DI_GLOBAL_VARIABLE_EXPRESSION_GET_VARIABLE =
            fn("LLVMDIGlobalVariableExpressionGetVariable", ADDRESS, ADDRESS);
    /** {@code LLVMMetadataRef LLVMInstructionGetDebugLoc(LLVMValueRef)}. */
    public static final MethodHandle INSTRUCTION_GET_DEBUG_LOC = fn("LLVMInstructionGetDebugLoc", ADDRESS, ADDRESS);

    private LibLlvmIr() {
    }

    private static MethodHandle fn(String name, MemoryLayout result, MemoryLayout... args) {
        return LlvmSymbols.fn(name, result, args);
    }

    private static MethodHandle proc(String name, MemoryLayout... args) {
        return LlvmSymbols.proc(name, args);
    }
}
